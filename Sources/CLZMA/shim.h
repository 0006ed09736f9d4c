// liblzma / xz (Debian liblzma-dev) for DarkScan's EventIO: ROOT "XZ" baskets.
#include <lzma.h>
