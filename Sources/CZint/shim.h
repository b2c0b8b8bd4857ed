#ifndef CZINT_SHIM_H
#define CZINT_SHIM_H

#include <zint.h>

/* Whether the module at (row, column) of an encoded symbol is dark. zint packs `encoded_data` rows eight
   modules to a byte, least significant bit first; Swift sees the array as nested tuples. */
static inline int CZint_module_is_set(const struct zint_symbol *symbol, int row, int column) {
    return (symbol->encoded_data[row][column >> 3] >> (column & 7)) & 1;
}

/* The height of `row` in X-dimensions (0 for rows whose height zint leaves to the renderer). */
static inline float CZint_row_height(const struct zint_symbol *symbol, int row) {
    return symbol->row_height[row];
}

/* zint's error text, NUL-terminated. */
static inline const char *CZint_error_text(const struct zint_symbol *symbol) {
    return symbol->errtxt;
}

/* The raster buffer's pixel at (x, y) as 0 (white) or 1 (dark), for symbols drawn through ZBarcode_Buffer. */
static inline int CZint_bitmap_is_dark(const struct zint_symbol *symbol, int x, int y) {
    const unsigned char *pixel = symbol->bitmap + 3 * (y * symbol->bitmap_width + x);
    return (pixel[0] + pixel[1] + pixel[2]) < 384;
}

#endif
