/** Drag-and-drop data type of a palette item; its value is the node type. */
export const PALETTE_DRAG_TYPE = 'application/x-wiregrad-node';
