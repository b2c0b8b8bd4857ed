// EscPosTransports is the umbrella for those who want every transport: it opens any printer URI
// (``openPrinterTransport(_:options:logger:)``) and searches USB and CUPS (``PrinterDiscovery``).
// A server that needs only TCP imports EscPosNetworkTransport and links neither libusb nor libcups.
@_exported public import EscPos
@_exported public import EscPosCUPSTransport
@_exported public import EscPosDeviceFileTransport
@_exported public import EscPosNetworkTransport
@_exported public import EscPosPrinting
@_exported public import EscPosUSBTransport
