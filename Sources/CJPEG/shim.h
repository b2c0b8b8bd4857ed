// libjpeg-turbo for EscPosImaging. Only Sources/EscPosImaging/LibJPEG.swift imports this module.
//
// libjpeg reports fatal errors by calling error_exit, which must not return: the shim's error_exit
// longjmps back to the setjmp in CJPEG_decode, so the jump starts and ends inside this header and never
// crosses a Swift frame. Warnings (corrupt or truncated data, which libjpeg would otherwise pad with
// gray) are recorded and reported as errors; nothing is printed to stderr.
#ifndef CJPEG_SHIM_H
#define CJPEG_SHIM_H

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

/// The outcome of CJPEG_decode.
typedef enum CJPEG_status {
    CJPEG_status_ok = 0,
    /// The data is not a JPEG libjpeg can decode; `message` says why.
    CJPEG_status_invalid = 1,
    /// The image has more pixels than allowed; `width` and `height` are set.
    CJPEG_status_too_large = 2,
    /// Memory for the pixels could not be allocated.
    CJPEG_status_out_of_memory = 3,
} CJPEG_status;

/// A decoded image. `pixels` is allocated by CJPEG_decode and released with CJPEG_free.
typedef struct CJPEG_result {
    CJPEG_status status;
    unsigned int width;
    unsigned int height;
    /// 1 = gray, 3 = RGB, 4 = CMYK as Adobe writes it (inverted: 255 = no ink).
    unsigned int components;
    unsigned char *pixels;
    char message[JMSG_LENGTH_MAX];
} CJPEG_result;

typedef struct CJPEG_error_manager {
    struct jpeg_error_mgr manager;
    jmp_buf jump;
    int warnings;
    char message[JMSG_LENGTH_MAX];
} CJPEG_error_manager;

static void CJPEG_error_exit(j_common_ptr info) {
    CJPEG_error_manager *errors = (CJPEG_error_manager *)info->err;
    (*info->err->format_message)(info, errors->message);
    longjmp(errors->jump, 1);
}

static void CJPEG_emit_message(j_common_ptr info, int level) {
    CJPEG_error_manager *errors = (CJPEG_error_manager *)info->err;
    if (level < 0) {  // a warning: corrupt data that libjpeg would paper over
        if (errors->warnings == 0) (*info->err->format_message)(info, errors->message);
        errors->warnings += 1;
    }
}

static void CJPEG_output_message(j_common_ptr info) { (void)info; }

/// Decodes a JPEG file held in memory to 8-bit gray, RGB or inverted CMYK pixels.
///
/// Refuses images with more than `max_pixels` pixels after reading the header, before any large
/// allocation, and caps libjpeg's working memory (progressive coefficient buffers) to match.
static inline void CJPEG_decode(
    const unsigned char *data, unsigned long size, unsigned long max_pixels, CJPEG_result *result
) {
    struct jpeg_decompress_struct info;
    CJPEG_error_manager errors;
    unsigned char *volatile pixels = NULL;
    memset(result, 0, sizeof *result);
    memset(&errors, 0, sizeof errors);
    info.err = jpeg_std_error(&errors.manager);
    errors.manager.error_exit = CJPEG_error_exit;
    errors.manager.emit_message = CJPEG_emit_message;
    errors.manager.output_message = CJPEG_output_message;
    if (setjmp(errors.jump)) {
        jpeg_destroy_decompress(&info);
        free(pixels);
        result->status = CJPEG_status_invalid;
        memcpy(result->message, errors.message, sizeof result->message);
        return;
    }
    jpeg_create_decompress(&info);
    info.mem->max_memory_to_use = (long)(max_pixels < 64000000UL ? max_pixels : 64000000UL) * 8 + 16000000L;
    jpeg_mem_src(&info, data, size);
    jpeg_read_header(&info, TRUE);
    result->width = info.image_width;
    result->height = info.image_height;
    if (info.image_width == 0 || info.image_height == 0
        || (unsigned long long)info.image_width * info.image_height > max_pixels) {
        jpeg_destroy_decompress(&info);
        result->status = CJPEG_status_too_large;
        return;
    }
    switch (info.jpeg_color_space) {
    case JCS_GRAYSCALE: info.out_color_space = JCS_GRAYSCALE; break;
    case JCS_CMYK:
    case JCS_YCCK: info.out_color_space = JCS_CMYK; break;
    default: info.out_color_space = JCS_RGB; break;
    }
    jpeg_start_decompress(&info);
    size_t stride = (size_t)info.output_width * (size_t)info.output_components;
    pixels = malloc(stride * info.output_height);
    if (pixels == NULL) {
        jpeg_destroy_decompress(&info);
        result->status = CJPEG_status_out_of_memory;
        return;
    }
    while (info.output_scanline < info.output_height) {
        JSAMPROW row = pixels + (size_t)info.output_scanline * stride;
        if (jpeg_read_scanlines(&info, &row, 1) != 1) break;
    }
    jpeg_finish_decompress(&info);
    result->width = info.output_width;
    result->height = info.output_height;
    result->components = (unsigned int)info.output_components;
    jpeg_destroy_decompress(&info);
    if (errors.warnings > 0) {
        free(pixels);
        result->status = CJPEG_status_invalid;
        memcpy(result->message, errors.message, sizeof result->message);
        return;
    }
    result->pixels = pixels;
    result->status = CJPEG_status_ok;
}

/// Releases the pixels of a CJPEG_result.
static inline void CJPEG_free(CJPEG_result *result) {
    free(result->pixels);
    result->pixels = NULL;
}

#endif
