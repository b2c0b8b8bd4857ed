#ifndef CCUPS_SHIM_H
#define CCUPS_SHIM_H

#include <cups/cups.h>

/* CUPS_FORMAT_RAW and CUPS_HTTP_DEFAULT are macros; spell them as functions Swift can see. */
static inline const char *CCUPS_format_raw(void) { return CUPS_FORMAT_RAW; }

#endif
