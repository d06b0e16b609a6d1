/// <reference lib="dom" />
/** What passes from one view to the next: a message to show once, and whether a view is still wanted. */

let pending: string | undefined;

/** A confirmation for the next view to show (e.g. which case a new proposal went into). */
export function flash(message: string): void {
  pending = message;
}

export function takeFlash(): string | undefined {
  const message = pending;
  pending = undefined;
  return message;
}

/** The address a view was asked for, to check after its data arrives. */
export const currentAddress = (): string => location.hash || '#/';

/**
 * A view that waits for the API must not replace a newer one: if the person moved on (a click in
 * the menu, a link opened) while it loaded, its answer is dropped.
 */
export const stillAt = (address: string): boolean => currentAddress() === address;
