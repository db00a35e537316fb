#include <curl/curl.h>
// curl_easy_setopt and curl_easy_getinfo are variadic: Swift calls these typed shims instead.
static inline CURLcode gitops_curl_setopt_long(CURL *h, CURLoption o, long v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gitops_curl_setopt_string(CURL *h, CURLoption o, const char *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gitops_curl_setopt_pointer(CURL *h, CURLoption o, void *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gitops_curl_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gitops_curl_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return curl_easy_setopt(h, o, v); }
typedef size_t (*gitops_curl_data_cb)(char *, size_t, size_t, void *);
static inline CURLcode gitops_curl_setopt_data_cb(CURL *h, CURLoption o, gitops_curl_data_cb v) { return curl_easy_setopt(h, o, v); }
static inline CURLcode gitops_curl_getinfo_long(CURL *h, CURLINFO i, long *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode gitops_curl_getinfo_double(CURL *h, CURLINFO i, double *v) { return curl_easy_getinfo(h, i, v); }
static inline CURLcode gitops_curl_global_init(void) { return curl_global_init(CURL_GLOBAL_DEFAULT); }
