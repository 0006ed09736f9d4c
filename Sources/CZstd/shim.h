// Zstandard (Debian libzstd-dev) for DarkScan's EventIO: ROOT "ZS" baskets.
#include <zstd.h>
