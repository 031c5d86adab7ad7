/** An (activity, person) pair as the assignments form posts it: `<element id>:<user id>`. */
export const pairKey = (elementId: string, userId: string) => `${elementId}:${userId}`;
