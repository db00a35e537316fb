#include <zlib.h>

/* deflateInit2 and inflateInit2 are macros (they pass ZLIB_VERSION and sizeof(z_stream)); Swift
   imports neither, so the Compression module calls these typed wrappers instead. */
static inline int gitops_deflateInit2(z_streamp stream, int level, int windowBits, int memLevel, int strategy) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, memLevel, strategy);
}

static inline int gitops_inflateInit2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}
