// libpng for EscPosImaging: decoding and 1-bit encoding. Only Sources/EscPosImaging/LibPNG.swift imports this module.
//
// libpng reports fatal errors through an error function that must not return. The shim's error
// function longjmps back to the setjmp in CLibPNG_decode, so every jump starts and ends inside this
// header and never crosses a Swift frame. Warnings are ignored (nothing is printed to stderr).
//
// libpng's transformations turn every PNG into 8-bit gray, gray+alpha, RGB or RGBA: png_set_expand
// (palettes to RGB, 1/2/4-bit gray to 8 bits, tRNS to an alpha channel), png_set_scale_16 (16 to 8 bits,
// rounded) and png_set_interlace_handling (Adam7). Swift converts those to gray and composites alpha.
#ifndef CLIBPNG_SHIM_H
#define CLIBPNG_SHIM_H

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// The outcome of CLibPNG_decode.
typedef enum CLibPNG_status {
    CLibPNG_status_ok = 0,
    /// The data is not a PNG libpng can decode; `message` says why.
    CLibPNG_status_invalid = 1,
    /// The image has more pixels than allowed (or none); `width` and `height` are set.
    CLibPNG_status_too_large = 2,
    /// Memory for the pixels could not be allocated.
    CLibPNG_status_out_of_memory = 3,
} CLibPNG_status;

/// A decoded image: `channels` 8-bit samples per pixel (1 gray, 2 gray+alpha, 3 RGB, 4 RGBA), rows
/// `width * channels` bytes apart. `pixels` is allocated by CLibPNG_decode and released with CLibPNG_free.
typedef struct CLibPNG_result {
    CLibPNG_status status;
    uint32_t width;
    uint32_t height;
    uint32_t channels;
    unsigned char *pixels;
    char message[160];
} CLibPNG_result;

typedef struct CLibPNG_reader {
    jmp_buf jump;
    const unsigned char *data;
    size_t size;
    size_t offset;
    char message[160];
} CLibPNG_reader;

static void CLibPNG_error(png_structp png, png_const_charp message) {
    CLibPNG_reader *reader = (CLibPNG_reader *)png_get_error_ptr(png);
    strncpy(reader->message, message ? message : "unknown error", sizeof reader->message - 1);
    reader->message[sizeof reader->message - 1] = 0;
    longjmp(reader->jump, 1);
}

static void CLibPNG_warning(png_structp png, png_const_charp message) {
    (void)png;
    (void)message;
}

static void CLibPNG_read(png_structp png, png_bytep destination, size_t length) {
    CLibPNG_reader *reader = (CLibPNG_reader *)png_get_io_ptr(png);
    if (length > reader->size - reader->offset) png_error(png, "the file ends too early (truncated)");
    memcpy(destination, reader->data + reader->offset, length);
    reader->offset += length;
}

/// Decodes a PNG file held in memory.
///
/// Refuses images with more than `max_pixels` pixels after reading the header, before allocating
/// the pixels; libpng's own limits (at most 1,000,000 pixels per side, 8 MB per ancillary chunk) stay on.
static inline void CLibPNG_decode(
    const unsigned char *data, size_t size, unsigned long max_pixels, CLibPNG_result *result
) {
    CLibPNG_reader reader;
    png_structp png = NULL;
    png_infop info = NULL;
    unsigned char *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    memset(result, 0, sizeof *result);
    memset(&reader, 0, sizeof reader);
    reader.data = data;
    reader.size = size;
    png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &reader, CLibPNG_error, CLibPNG_warning);
    if (png == NULL) {
        result->status = CLibPNG_status_out_of_memory;
        return;
    }
    info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_read_struct(&png, NULL, NULL);
        result->status = CLibPNG_status_out_of_memory;
        return;
    }
    if (setjmp(reader.jump)) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(pixels);
        result->status = CLibPNG_status_invalid;
        memcpy(result->message, reader.message, sizeof result->message);
        return;
    }
    png_set_read_fn(png, &reader, CLibPNG_read);
    png_set_chunk_malloc_max(png, 8000000);
    png_read_info(png, info);
    uint32_t width = png_get_image_width(png, info);
    uint32_t height = png_get_image_height(png, info);
    result->width = width;
    result->height = height;
    if (width == 0 || height == 0 || (unsigned long long)width * height > max_pixels) {
        png_destroy_read_struct(&png, &info, NULL);
        result->status = CLibPNG_status_too_large;
        return;
    }
    png_set_expand(png);
    png_set_scale_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);
    uint32_t channels = png_get_channels(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (channels < 1 || channels > 4 || row_bytes != (size_t)width * channels) {
        png_error(png, "unexpected pixel layout after transformations");
    }
    pixels = malloc(row_bytes * height);
    rows = malloc(sizeof(png_bytep) * height);
    if (pixels == NULL || rows == NULL) {
        png_destroy_read_struct(&png, &info, NULL);
        free(rows);
        free(pixels);
        result->status = CLibPNG_status_out_of_memory;
        return;
    }
    for (uint32_t y = 0; y < height; y++) rows[y] = pixels + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);
    png_destroy_read_struct(&png, &info, NULL);
    free(rows);
    result->channels = channels;
    result->pixels = pixels;
    result->status = CLibPNG_status_ok;
}

/// Releases the pixels of a CLibPNG_result.
static inline void CLibPNG_free(CLibPNG_result *result) {
    free(result->pixels);
    result->pixels = NULL;
}

/// A PNG file written by CLibPNG_encode_mono: `size` bytes at `data`, allocated by the encoder and
/// released with CLibPNG_free_encoded. `status` is CLibPNG_status_ok on success.
typedef struct CLibPNG_encoded {
    CLibPNG_status status;
    unsigned char *data;
    size_t size;
    size_t capacity;
    char message[160];
} CLibPNG_encoded;

typedef struct CLibPNG_writer {
    jmp_buf jump;
    CLibPNG_encoded *output;
    char message[160];
} CLibPNG_writer;

static void CLibPNG_write_error(png_structp png, png_const_charp message) {
    CLibPNG_writer *writer = (CLibPNG_writer *)png_get_error_ptr(png);
    strncpy(writer->message, message ? message : "unknown error", sizeof writer->message - 1);
    writer->message[sizeof writer->message - 1] = 0;
    longjmp(writer->jump, 1);
}

static void CLibPNG_write(png_structp png, png_bytep source, size_t length) {
    CLibPNG_writer *writer = (CLibPNG_writer *)png_get_io_ptr(png);
    CLibPNG_encoded *output = writer->output;
    if (length > output->capacity - output->size) {
        size_t capacity = output->capacity ? output->capacity : 4096;
        while (length > capacity - output->size) {
            if (capacity > ((size_t)-1) / 2) png_error(png, "the PNG file is too large");
            capacity *= 2;
        }
        unsigned char *grown = realloc(output->data, capacity);
        if (grown == NULL) png_error(png, "out of memory");
        output->data = grown;
        output->capacity = capacity;
    }
    memcpy(output->data + output->size, source, length);
    output->size += length;
}

static void CLibPNG_flush(png_structp png) {
    (void)png;
}

/// Encodes a 1-bit image as a PNG file in memory: gray, bit depth 1, no interlace.
///
/// `rows` holds `height` rows of `bytes_per_row` bytes, most significant bit leftmost, 1 = black (the
/// printer's convention); png_set_invert_mono turns that into PNG's 0 = black while writing.
static inline void CLibPNG_encode_mono(
    const unsigned char *rows, uint32_t width, uint32_t height, size_t bytes_per_row, int compression_level,
    CLibPNG_encoded *result
) {
    CLibPNG_writer writer;
    png_structp png = NULL;
    png_infop info = NULL;
    memset(result, 0, sizeof *result);
    memset(&writer, 0, sizeof writer);
    writer.output = result;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &writer, CLibPNG_write_error, CLibPNG_warning);
    if (png == NULL) {
        result->status = CLibPNG_status_out_of_memory;
        return;
    }
    info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        result->status = CLibPNG_status_out_of_memory;
        return;
    }
    if (setjmp(writer.jump)) {
        png_destroy_write_struct(&png, &info);
        free(result->data);
        result->data = NULL;
        result->size = 0;
        result->capacity = 0;
        result->status = CLibPNG_status_invalid;
        memcpy(result->message, writer.message, sizeof result->message);
        return;
    }
    png_set_write_fn(png, &writer, CLibPNG_write, CLibPNG_flush);
    png_set_compression_level(png, compression_level);
    png_set_IHDR(
        png, info, width, height, 1, PNG_COLOR_TYPE_GRAY, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
        PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    png_set_invert_mono(png);
    for (uint32_t y = 0; y < height; y++) {
        png_write_row(png, (png_const_bytep)(rows + (size_t)y * bytes_per_row));
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    result->status = CLibPNG_status_ok;
}

/// Releases the bytes of a CLibPNG_encoded.
static inline void CLibPNG_free_encoded(CLibPNG_encoded *result) {
    free(result->data);
    result->data = NULL;
    result->size = 0;
    result->capacity = 0;
}

#endif
