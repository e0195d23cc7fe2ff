// A perfectly good shared library that is not an ERP plugin.
extern "C" __attribute__((visibility("default"))) int add_numbers(int a, int b) {
    return a + b;
}
