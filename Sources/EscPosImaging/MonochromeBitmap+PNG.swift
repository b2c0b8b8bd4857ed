public import EscPos

extension MonochromeBitmap {
    /// Encodes the bitmap as a PNG file: 1-bit gray, printed dots black, paper white.
    ///
    /// Use it to look at what a printer would print (the virtual printer's pages, decoded raster
    /// images) in any image viewer. The file decodes back to exactly these dots.
    ///
    /// ```swift
    /// let png = try bitmap.pngData()
    /// try Data(png).write(to: URL(fileURLWithPath: "receipt.png"))
    /// ```
    ///
    /// - Parameter compressionLevel: zlib's level, 0 (fastest) to 9 (smallest); 6 by default.
    /// - Returns: The bytes of the PNG file.
    /// - Throws: ``EscPosError`` with code ``EscPosError/Code/invalidImage`` when the bitmap has no pixels.
    public func pngData(compressionLevel: Int = 6) throws -> [UInt8] {
        try LibPNG.encode(self, compressionLevel: compressionLevel)
    }
}
