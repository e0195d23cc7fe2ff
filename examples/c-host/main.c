/* c-host: an ERP host in plain C99, from erp_plugin.h and dlopen alone (no
 * C++, no Boost). It loads one plugin, starts it, runs one action on one
 * record and prints the result: the shape of a host in any language that can
 * call C.
 *
 *   c-host --plugin FILE [--set KEY=VALUE]... [--action NAME] RECORD
 *
 * Every --set reaches the plugin as a setting; host.database is also the
 * ERP's ODBC connection string. */
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "erp_plugin/erp_plugin.h"

#define MAX_SETTINGS 64

typedef struct Settings {
    const char* keys[MAX_SETTINGS];
    const char* values[MAX_SETTINGS];
    size_t count;
} Settings;

static ErpStr str(const char* text) {
    ErpStr s;
    s.data = text;
    s.size = strlen(text);
    return s;
}

/* The snprintf rule of erp_plugin.h: copy when it fits, always say the size. */
static size_t answer(const char* data, size_t size, char* out, size_t capacity) {
    if (out != NULL && size <= capacity && size > 0)
        memcpy(out, data, size);
    return size;
}

static const char* lookup(const Settings* settings, ErpStr key) {
    size_t i;
    for (i = 0; i < settings->count; ++i)
        if (strlen(settings->keys[i]) == key.size &&
            (key.size == 0 || memcmp(settings->keys[i], key.data, key.size) == 0))
            return settings->values[i];
    return NULL;
}

/* The host table's functions. The settings never change after start, so the
 * plugin's threads may read them without a lock; fprintf locks stderr. */
static void host_log(void* context, int32_t level, ErpStr message) {
    static const char* const names[] = {"debug", "info", "warn", "error"};
    (void)context;
    fprintf(stderr, "[%s] %.*s\n", level >= 0 && level <= 3 ? names[level] : "info",
            (int)message.size, message.data != NULL ? message.data : "");
}

static size_t host_setting(void* context, ErpStr key, ErpStr fallback, char* out, size_t capacity) {
    const char* value = lookup((const Settings*)context, key);
    if (value == NULL)
        return answer(fallback.data, fallback.size, out, capacity);
    return answer(value, strlen(value), out, capacity);
}

static int64_t host_now(void* context) {
    struct timespec now;
    (void)context;
    clock_gettime(CLOCK_REALTIME, &now);
    return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static size_t host_database(void* context, char* out, size_t capacity) {
    const char* value = lookup((const Settings*)context, str("host.database"));
    return value == NULL ? 0 : answer(value, strlen(value), out, capacity);
}

static size_t host_setting_keys(void* context, ErpStr prefix, char* out, size_t capacity) {
    const Settings* settings = (const Settings*)context;
    size_t i, size = 0;
    for (i = 0; i < settings->count; ++i) {
        const size_t n = strlen(settings->keys[i]);
        if (n < prefix.size ||
            (prefix.size > 0 && memcmp(settings->keys[i], prefix.data, prefix.size) != 0))
            continue;
        if (out != NULL && size + n + 1 <= capacity) {
            memcpy(out + size, settings->keys[i], n);
            out[size + n] = '\0';
        }
        size += n + 1;
    }
    return size;
}

static int usage(void) {
    fprintf(stderr, "usage: c-host --plugin FILE [--set KEY=VALUE]... [--action NAME] RECORD\n");
    return 2;
}

static const char* status_name(int32_t code) {
    static const char* const names[] = {"ok",          "invalid_input",   "rejected",
                                        "unavailable", "outcome_unknown", "not_found",
                                        "unsupported", "config",          "internal"};
    return code >= 0 && code <= 8 ? names[code] : "internal";
}

/* Runs one action on a started plugin and prints it; 0 when it succeeded. */
static int run_action(const ErpPluginTable* plugin, const char* action, const char* record) {
    ErpActionRequest request;
    ErpActionResult* result;
    size_t i;
    int failed;
    memset(&request, 0, sizeof request);
    request.struct_size = sizeof request;
    request.action = str(action);
    request.record_type = str("invoice");
    request.record_id = str(record);
    result = plugin->run_action(plugin, &request);
    if (result == NULL) {
        fprintf(stderr, "c-host: the plugin returned no result\n");
        return 1;
    }
    printf("%s %s: %s", action, record, status_name(result->status.code));
    if (result->status.message.size > 0)
        printf(" - %.*s", (int)result->status.message.size, result->status.message.data);
    printf("\n");
    for (i = 0; i < result->output_count; ++i)
        printf("  %.*s = %.*s\n", (int)result->outputs[i].key.size, result->outputs[i].key.data,
               (int)result->outputs[i].value.size, result->outputs[i].value.data);
    failed = result->status.code != ERP_STATUS_OK;
    plugin->release(plugin, result); /* the plugin allocated it: the plugin frees it */
    return failed;
}

/* Starts, runs, stops; the caller destroys. */
static int use_plugin(const ErpPluginTable* plugin, const char* action, const char* record) {
    int code = 1;
    ErpStatus* started = plugin->start(plugin);
    if (started == NULL || started->code != ERP_STATUS_OK) {
        fprintf(stderr, "start failed (%s): %.*s\n",
                started != NULL ? status_name(started->code) : "internal",
                started != NULL ? (int)started->message.size : 0,
                started != NULL ? started->message.data : "");
    } else {
        code = run_action(plugin, action, record);
    }
    if (started != NULL)
        plugin->release(plugin, started);
    plugin->stop(plugin); /* allowed, and needed, after a failed start too */
    return code;
}

int main(int argc, char** argv) {
    static Settings settings;
    ErpHostTable host;
    const char *file = NULL, *action = "collect", *record = NULL;
    void* library;
    ErpPluginEntryFn entry;
    ErpPluginTable* plugin;
    int i, code;

    for (i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--plugin") == 0 && i + 1 < argc) {
            file = argv[++i];
        } else if (strcmp(argv[i], "--action") == 0 && i + 1 < argc) {
            action = argv[++i];
        } else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc && settings.count < MAX_SETTINGS) {
            char* pair = argv[++i];
            char* eq = strchr(pair, '=');
            if (eq == NULL)
                return usage();
            *eq = '\0';
            settings.keys[settings.count] = pair;
            settings.values[settings.count++] = eq + 1;
        } else if (record == NULL && argv[i][0] != '-') {
            record = argv[i];
        } else {
            return usage();
        }
    }
    if (file == NULL || record == NULL)
        return usage();
    signal(SIGPIPE, SIG_IGN); /* a reset TLS peer costs the plugin an error, not us */

    memset(&host, 0, sizeof host);
    host.struct_size = sizeof host;
    host.api_major = ERP_PLUGIN_API_MAJOR;
    host.api_minor = ERP_PLUGIN_API_MINOR;
    host.context = &settings;
    host.log = host_log;
    host.setting = host_setting;
    host.now_unix_millis = host_now;
    host.database_connection_string = host_database;
    host.setting_keys = host_setting_keys;
    host.report_progress = NULL; /* this host draws no progress */

    library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        fprintf(stderr, "c-host: %s refused: not a loadable shared library (%s)\n", file,
                dlerror());
        return 2;
    }
    /* A data pointer to a function pointer: what POSIX guarantees for dlsym. */
    *(void**)(&entry) = dlsym(library, ERP_PLUGIN_ENTRY_SYMBOL);
    if (entry == NULL) {
        fprintf(stderr, "c-host: %s refused: not an ERP plugin (no %s)\n", file,
                ERP_PLUGIN_ENTRY_SYMBOL);
        dlclose(library);
        return 2;
    }
    plugin = entry(&host);
    /* Only the four header fields are read before the verdict. */
    if (plugin == NULL || plugin->struct_size < 4 * sizeof(uint32_t) ||
        plugin->api_major != ERP_PLUGIN_API_MAJOR ||
        !ERP_PLUGIN_HAS(plugin, ErpPluginTable, setting_prefixes)) {
        fprintf(stderr,
                "c-host: %s refused: it was built for interface %u.%u, this host has %d.%d\n", file,
                plugin != NULL ? (unsigned)plugin->api_major : 0u,
                plugin != NULL ? (unsigned)plugin->api_minor : 0u, ERP_PLUGIN_API_MAJOR,
                ERP_PLUGIN_API_MINOR);
        dlclose(library);
        return 2;
    }
    if (plugin->failure.size > 0) {
        fprintf(stderr, "c-host: %s refused: factory returned no plugin: %.*s\n", file,
                (int)plugin->failure.size, plugin->failure.data);
        plugin->destroy(plugin);
        dlclose(library);
        return 2;
    }
    printf("loaded %.*s %.*s (%.*s) from %s, interface %u.%u\n", (int)plugin->id.size,
           plugin->id.data, (int)plugin->version.size, plugin->version.data, (int)plugin->name.size,
           plugin->name.data, file, (unsigned)plugin->api_major, (unsigned)plugin->api_minor);
    code = use_plugin(plugin, action, record);
    plugin->destroy(plugin); /* before the code is unmapped */
    dlclose(library);
    return code;
}
