// OpenBLAS's CBLAS interface, from Debian's libopenblas-dev (scripts/system-packages.txt).
#include <cblas.h>
