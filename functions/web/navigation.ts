/// <reference lib="dom" />
/** What passes from one view to the next: whether a view is still wanted. */

/** The address a view was asked for, to check after its data arrives. */
export const currentAddress = (): string => location.hash || '#/';

/**
 * A view that waits for the API must not replace a newer one: if the person moved on (a click in
 * the menu, a link opened) while it loaded, its answer is dropped.
 */
export const stillAt = (address: string): boolean => currentAddress() === address;
