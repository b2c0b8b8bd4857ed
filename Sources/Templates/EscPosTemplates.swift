// EscPosTemplates builds on the document model; re-export it so one import is enough.
@_exported public import EscPos
