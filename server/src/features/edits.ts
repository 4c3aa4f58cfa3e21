/**
 * The text edits that add or set a field moved to documents/syntax/edits.ts (the syntax adapters
 * own them); re-exported here for features that import them from their old place.
 */
export * from '../documents/syntax/edits';
