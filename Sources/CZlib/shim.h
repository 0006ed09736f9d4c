// zlib (Debian zlib1g-dev) for DarkScan's EventIO: ROOT "ZL" baskets and gzip-compressed LHE files.
// inflateInit2/deflateInit2 are macros, which Swift cannot call; these wrappers can be.
#include <zlib.h>

/// inflateInit2 with window bits 15 + 32: accepts zlib and gzip streams (automatic header detection).
static inline int darkscan_inflate_init_auto(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}

/// deflateInit2 writing a gzip stream (window bits 15 + 16) at `level`.
static inline int darkscan_deflate_init_gzip(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
