// EscPosTransports sends compiled receipts to printers; re-export the document model so one import
// gives a print agent everything it needs.
@_exported public import EscPos
