// LZ4 block format (Debian liblz4-dev) for DarkScan's EventIO: ROOT "L4" baskets.
#include <lz4.h>
#include <lz4hc.h>
