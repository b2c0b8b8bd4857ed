/// The `fn` byte of the `GS ( L` / `GS 8 L` graphics functions (`GS ( L pL pH m fn …`, `m` = 48), for
/// the compiler's raster encoder, the listing and the virtual printer.
package enum GraphicsFunction {
    /// The `m` byte that precedes `fn`.
    package static let m: UInt8 = 0x30
    /// fn 48: transmit the NV graphics memory capacity.
    package static let capacity: UInt8 = 0x30
    /// fn 49: set the graphics dot density (`x y`).
    package static let density: UInt8 = 0x31
    /// fn 50: print the graphics data in the print buffer.
    package static let print: UInt8 = 0x32
    /// fn 112: store raster graphics in the print buffer (`a bx by c xL xH yL yH d…`).
    package static let store: UInt8 = 0x70
    /// The tone byte `a` of fn 112: monochrome.
    package static let monochrome: UInt8 = 0x30
    /// The colour byte `c` of fn 112: colour 1 (black on a one-colour printer).
    package static let colour1: UInt8 = 0x31
    /// The bytes of fn 112 before the image data: `a bx by c xL xH yL yH`.
    package static let storeParameterCount = 8
}
