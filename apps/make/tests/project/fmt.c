#include <stdio.h>
const char *fmt(int v) { static char buf[32]; snprintf(buf, sizeof buf, "<%d>", v); return buf; }
