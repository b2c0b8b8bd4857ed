public import EscPos

extension MonochromeBitmap {
    /// A rectangle of this bitmap; parts outside it are blank.
    ///
    /// Use it to compare a region of a rendered page with the image that was sent:
    /// `page.cropped(x: image.x, y: image.y, width: 384, height: 120) == source`.
    ///
    /// - Parameters:
    ///   - x: The left column of the rectangle.
    ///   - y: The top row.
    ///   - width: Its width in dots (not negative).
    ///   - height: Its height in dots (not negative).
    /// - Returns: A `width` × `height` bitmap.
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> MonochromeBitmap {
        var result = MonochromeBitmap(width: max(0, width), height: max(0, height))
        for row in 0..<result.height where y + row >= 0 && y + row < self.height {
            for column in 0..<result.width where x + column >= 0 && x + column < self.width {
                if self[x + column, y + row] { result[column, row] = true }
            }
        }
        return result
    }

    /// Each dot repeated `x` times across and `y` times down.
    func scaled(x scaleX: Int, y scaleY: Int) -> MonochromeBitmap {
        guard scaleX != 1 || scaleY != 1 else { return self }
        var result = MonochromeBitmap(width: width * scaleX, height: height * scaleY)
        for row in 0..<result.height {
            for column in 0..<result.width where self[column / scaleX, row / scaleY] {
                result[column, row] = true
            }
        }
        return result
    }

    /// ORs `other` in with its top-left corner at (`x`, `y`), dropping what falls outside.
    mutating func paste(_ other: MonochromeBitmap, x: Int, y: Int) {
        for row in 0..<other.height where y + row >= 0 && y + row < height {
            for column in 0..<other.width where x + column >= 0 && x + column < width && other[column, row] {
                self[x + column, y + row] = true
            }
        }
    }

    /// This bitmap with `other`'s rows below it; both are as wide.
    func appendingRows(of other: MonochromeBitmap) -> MonochromeBitmap {
        MonochromeBitmap(width: width, height: height + other.height, packedRows: bits + other.bits) ?? self
    }
}
