// Copies text to the clipboard (the browser allows it on https and on localhost).
export function copyText(text) {
    return navigator.clipboard.writeText(text);
}
