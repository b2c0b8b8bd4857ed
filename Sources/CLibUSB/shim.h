#ifndef CLIBUSB_SHIM_H
#define CLIBUSB_SHIM_H

#include <libusb.h>

/* libusb_set_option is variadic, which Swift cannot call. */
static inline int CLibUSB_set_option_log_level(libusb_context *context, int level) {
    return libusb_set_option(context, LIBUSB_OPTION_LOG_LEVEL, level);
}

#endif
