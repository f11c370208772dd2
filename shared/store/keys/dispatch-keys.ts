/** How far a scheduled dispatcher has got (the end of the last window it covered). */
export const dispatchProgressKey = (dispatcher: string) => ({ pk: `DISPATCH#${dispatcher}`, sk: 'PROGRESS' });
