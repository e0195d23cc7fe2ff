/* The ERP plugin boundary, interface 2.x: the only thing that crosses between
 * a host and a plugin. Plain C (C99 and C++17), so that a host or a plugin in
 * any compiler or language (C, C++ with any standard library, Python's ctypes)
 * can use it: only fixed-size integers, pointers and structs of them cross,
 * never a C++ type, an exception or an allocator. plugin-api/README.md has the
 * rules; this file spells out every struct and who frees what.
 *
 * Modelled on SQLite's sqlite3ext.h: one entry point, and function tables that
 * only ever grow at the end. Each table and each growing struct starts with its
 * own size, so a reader uses a field only when the size says it is there
 * (ERP_PLUGIN_HAS). */
#ifndef ERP_PLUGIN_H
#define ERP_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#define ERP_PLUGIN_API_MAJOR 2
#define ERP_PLUGIN_API_MINOR 0

/* The one symbol a plugin exports, an ErpPluginEntryFn. */
#define ERP_PLUGIN_ENTRY_SYMBOL "erp_plugin_entry"

#if defined(_WIN32)
#define ERP_PLUGIN_EXPORT __declspec(dllexport)
#else
#define ERP_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Whether `ptr` (a table or struct starting with uint32_t struct_size) is
 * large enough to hold `field`: a 2.0 reader of a 2.1 table, or a 2.1 reader
 * of a 2.0 table, each uses only what both have. */
#define ERP_PLUGIN_HAS(ptr, type, field) \
    ((ptr)->struct_size >= offsetof(type, field) + sizeof(((type*)0)->field))

#ifdef __cplusplus
extern "C" {
#endif

/* UTF-8 text, not NUL-terminated: `size` bytes at `data` (data may be NULL
 * when size is 0). Always borrowed: valid as long as the struct holding it. */
typedef struct ErpStr {
    const char* data;
    size_t size;
} ErpStr;

typedef struct ErpField {
    ErpStr key;
    ErpStr value;
} ErpField;

/* ErpStatus.code. Receivers treat values they do not know as INTERNAL. */
enum {
    ERP_STATUS_OK = 0,
    ERP_STATUS_INVALID_INPUT = 1,   /* the record or request is wrong */
    ERP_STATUS_REJECTED = 2,        /* the remote service refused */
    ERP_STATUS_UNAVAILABLE = 3,     /* temporary: try again later */
    ERP_STATUS_OUTCOME_UNKNOWN = 4, /* may or may not have taken effect */
    ERP_STATUS_NOT_FOUND = 5,
    ERP_STATUS_UNSUPPORTED = 6, /* action or route this plugin does not offer */
    ERP_STATUS_CONFIG = 7,      /* a setting is missing or wrong */
    ERP_STATUS_INTERNAL = 8
};

/* ErpHostTable.log levels. Receivers treat values they do not know as INFO. */
enum { ERP_LOG_DEBUG = 0, ERP_LOG_INFO = 1, ERP_LOG_WARN = 2, ERP_LOG_ERROR = 3 };

typedef struct ErpStatus {
    int32_t code;   /* ERP_STATUS_* */
    ErpStr message; /* a sentence for the person at the ERP screen */
} ErpStatus;

/* Host to plugin; owned by the host for the duration of the call. */
typedef struct ErpActionRequest {
    uint32_t struct_size; /* sizeof(ErpActionRequest) as the host saw it */
    ErpStr action;        /* e.g. "collect" */
    ErpStr record_type;   /* e.g. "invoice", or "batch" */
    ErpStr record_id;     /* the host's own key, e.g. the invoice number */
    const ErpField* parameters;
    size_t parameter_count;
} ErpActionRequest;

typedef struct ErpHttpRequest {
    uint32_t struct_size;
    ErpStr method;
    ErpStr path;
    ErpStr source_address;   /* peer IP as the host saw it */
    const ErpField* headers; /* names as received; compare case-insensitively */
    size_t header_count;
    ErpStr body; /* raw bytes, exactly as received */
} ErpHttpRequest;

/* Plugin to host: the blocks below are returned by the plugin's functions,
 * allocated by the plugin, and freed by the host with the plugin's own
 * release(self, block) once it has read them. */
typedef struct ErpActionResult {
    uint32_t struct_size;
    ErpStatus status;
    const ErpField* outputs; /* keys are documented by each plugin */
    size_t output_count;
} ErpActionResult;

typedef struct ErpHttpResponse {
    uint32_t struct_size;
    int32_t status; /* HTTP status, e.g. 200 */
    ErpStr content_type;
    ErpStr body;
} ErpHttpResponse;

/* A button the plugin offers on a record screen. Items of lists are frozen
 * for all of 2.x: a minor that needs more adds a function instead. */
typedef struct ErpActionInfo {
    ErpStr name;        /* e.g. "collect" */
    ErpStr label;       /* e.g. "Collect with Jodo" */
    ErpStr record_type; /* e.g. "invoice", or "batch" */
} ErpActionInfo;

/* One setting the plugin reads, so a host can check and show it. */
typedef struct ErpSettingInfo {
    ErpStr key;           /* e.g. "jodo.connect_timeout_ms" */
    ErpStr type;          /* "text", "integer", "url", "secret", "list", "sql", "choice", "path" */
    ErpStr default_value; /* empty = none */
    ErpStr allowed;       /* "100..120000", "a|b|c", or empty */
    int32_t secret;       /* nonzero: never printed or logged */
    int32_t required;     /* nonzero: must be set */
    ErpStr help;          /* one line for people */
} ErpSettingInfo;

typedef struct ErpStrList {
    const ErpStr* items;
    size_t count;
} ErpStrList;

typedef struct ErpActionList {
    const ErpActionInfo* items;
    size_t count;
} ErpActionList;

typedef struct ErpSettingList {
    const ErpSettingInfo* items;
    size_t count;
} ErpSettingList;

/* How far a batch action has got, while its run_action still runs. Plugin to
 * host, owned by the plugin for the duration of the call. */
typedef struct ErpJobProgress {
    uint32_t struct_size;
    ErpStr action; /* e.g. "collect_all" */
    ErpStr job;    /* the request's "job" parameter, or empty */
    uint64_t done;
    uint64_t total;         /* 0 while not known */
    const ErpField* counts; /* running counts under the final result's keys */
    size_t count_count;
    int32_t finished; /* nonzero on the last report of this job */
} ErpJobProgress;

/* What a host offers a plugin. Filled by the host, valid (with its context)
 * from erp_plugin_entry until the plugin's destroy returns. Every function is
 * called from any plugin thread, concurrently, and must return quickly.
 *
 * Functions that answer text write it into the plugin's buffer `out` of
 * `capacity` bytes and return its full size; when that is more than capacity,
 * nothing usable was written and the plugin calls again with a larger buffer
 * (snprintf's rule; no NUL is added). So nothing the host allocates is ever
 * freed by the plugin. */
typedef struct ErpHostTable {
    uint32_t struct_size; /* sizeof(ErpHostTable) as the host saw it */
    uint32_t api_major;   /* ERP_PLUGIN_API_MAJOR the host was built against */
    uint32_t api_minor;
    uint32_t reserved; /* 0 */
    void* context;     /* the host's, passed back as the first argument */

    /* Text the plugin has already masked (no secrets, no personal data). */
    void (*log)(void* context, int32_t level, ErpStr message);
    /* The administrator's setting for `key`, or `fallback` when it is not set. */
    size_t (*setting)(void* context, ErpStr key, ErpStr fallback, char* out, size_t capacity);
    /* Wall clock, milliseconds since the Unix epoch; hosts and tests may move it. */
    int64_t (*now_unix_millis)(void* context);
    /* ODBC connection string of the ERP database. */
    size_t (*database_connection_string)(void* context, char* out, size_t capacity);
    /* Every key set that starts with `prefix`, each followed by one NUL byte. */
    size_t (*setting_keys)(void* context, ErpStr prefix, char* out, size_t capacity);
    /* May be NULL: a host that draws no progress. */
    void (*report_progress)(void* context, const ErpJobProgress* progress);

    /* New functions are only ever appended here (plugin-api/README.md). */
} ErpHostTable;

typedef struct ErpPluginTable ErpPluginTable;

/* What a plugin offers a host: returned by erp_plugin_entry, allocated by the
 * plugin, freed only by its destroy(self). `self` is the table itself; every
 * block a function returns is freed with self->release(self, block). A
 * function that returns a block returns NULL only when it could not allocate
 * one (the host reports an internal error). */
struct ErpPluginTable {
    uint32_t struct_size; /* sizeof(ErpPluginTable) as the plugin saw it */
    uint32_t api_major;   /* ERP_PLUGIN_API_MAJOR the plugin was built against */
    uint32_t api_minor;
    uint32_t reserved; /* 0. The four fields above never change in any major. */
    void* instance;    /* the plugin's own */

    /* Nonempty: the plugin could not be created (why, in one sentence); the
     * host may then call nothing but destroy. */
    ErpStr failure;
    ErpStr id;      /* stable, lower-case, e.g. "jodo" */
    ErpStr name;    /* for people */
    ErpStr version; /* the plugin's own version, not the interface's */

    void (*destroy)(ErpPluginTable* self);
    void (*release)(const ErpPluginTable* self, const void* block);

    /* Before anything else but the fields above; not concurrent with any call.
     * Returns an ErpStatus block. stop() after a failed start, and stop()
     * twice, are safe; after stop returns the plugin calls nothing of the host. */
    ErpStatus* (*start)(const ErpPluginTable* self);
    void (*stop)(const ErpPluginTable* self);

    /* These may be called concurrently, from any host thread. */
    ErpActionList* (*actions)(const ErpPluginTable* self);
    ErpActionResult* (*run_action)(const ErpPluginTable* self, const ErpActionRequest* request);
    /* Path prefixes (e.g. "/webhooks/jodo") whose requests the host forwards. */
    ErpStrList* (*http_routes)(const ErpPluginTable* self);
    ErpHttpResponse* (*handle_http)(const ErpPluginTable* self, const ErpHttpRequest* request);
    /* Every setting the plugin reads, and prefixes under which any key is valid. */
    ErpSettingList* (*settings)(const ErpPluginTable* self);
    ErpStrList* (*setting_prefixes)(const ErpPluginTable* self);

    /* New functions are only ever appended here (plugin-api/README.md). */
};

/* The entry point, exported as ERP_PLUGIN_ENTRY_SYMBOL. Returns NULL only when
 * out of memory. A plugin given a host table of another major creates nothing
 * and returns a static table of just the four header fields (nothing to free):
 * the host reads those and refuses it. */
typedef ErpPluginTable* (*ErpPluginEntryFn)(const ErpHostTable* host);

#ifdef __cplusplus
}
#endif

#endif /* ERP_PLUGIN_H */
