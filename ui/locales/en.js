// English: the complete catalogue, and every other language's fallback.
// A message is a string with {placeholders}, or plural forms ({one, other})
// chosen by the `count` parameter (ui/lib/i18n.js). Keys are grouped by
// where they show; docs/translations.md says how to add a language.

export default {
  // ---- the customer's screen ----
  'customer.title': 'Ping Desk: how did we do?',
  'customer.language.label': 'Language',
  'customer.question': 'How did we do today?',
  'face.1': 'Very unhappy',
  'face.2': 'Unhappy',
  'face.3': 'Okay',
  'face.4': 'Happy',
  'face.5': 'Very happy',
  'customer.countdown': {
    one: 'Thank you! Saving in {count} second… tap another face to change',
    other: 'Thank you! Saving in {count} seconds… tap another face to change',
  },
  'customer.saving': 'Saving…',
  'customer.comment.question': 'Anything you would like to tell us?',
  'customer.comment.optional': '(optional)',
  'customer.comment.hint': "Your words go to the shop's team. You can leave this empty.",
  'customer.comment.skip': 'No thanks',
  'customer.comment.send': 'Send',
  'customer.comment.sending': 'Sending…',
  'customer.thanks.title': 'Thank you!',
  'customer.thanks.note': 'Your feedback helps us do better.',
  'customer.waiting.note': 'Staff will be with you shortly',
  'customer.error.answer': 'Sorry, your answer was not saved. Please tap a face again.',
  'customer.error.comment': 'Sorry, your message was not sent. Please try again, or tap “No thanks”.',
  'customer.error.staff': 'The screen could not be handed back. Please try again.',
  'customer.staff.label': 'Staff',
  'customer.staff.keepHolding': 'Keep holding…',
  'customer.staff.holdHint': { one: 'Press and hold for {count} second', other: 'Press and hold for {count} seconds' },
  'customer.staff.help': {
    one: 'For staff: press and hold for {count} second to hand the screen back.',
    other: 'For staff: press and hold for {count} seconds to hand the screen back.',
  },
  'customer.staff.handingBack': 'Handing back to staff…',
  'customer.pin.title': 'Staff PIN',
  'customer.pin.help': 'Type the counter PIN to hand the screen back to staff.',
  'customer.pin.label': 'PIN',
  'customer.pin.keypad': 'Keypad',
  'customer.pin.delete': 'Delete',
  'customer.pin.ok': 'OK',
  'customer.pin.cancel': 'Cancel',
  'customer.pin.wrong': 'That PIN is not right. Please try again.',
  'customer.pin.locked': 'Too many wrong PINs. Please wait a while, then try again.',
  'customer.pin.lockedSeconds': {
    one: 'Too many wrong PINs. Try again in {count} second.',
    other: 'Too many wrong PINs. Try again in {count} seconds.',
  },
  'customer.pin.lockedMinutes': {
    one: 'Too many wrong PINs. Try again in {count} minute.',
    other: 'Too many wrong PINs. Try again in {count} minutes.',
  },
  'customer.pin.unknown': 'The counter PIN could not be read. Staff: end the customer view from the staff screen.',
  'customer.pin.empty': 'Type the PIN first.',

  // ---- the ticket slip (printed in the customer's language) ----
  'slip.yourReference': 'Your reference',
  'slip.yourNumber': 'Your ticket number',
  'slip.queuedNote': 'We are sending your ticket to our helpdesk; quote this reference until it has a ticket number.',
  'slip.note': 'Quote this number when you call or come back.',
  'slip.date': 'Date',
  'slip.for': 'For',
  'slip.about': 'About',
  'slip.thanks': 'Thank you for visiting us.',
  'slip.qr': 'QR code of {reference}',
  'slip.dialog.title': 'Ticket slip',
  'slip.dialog.language': 'Slip language',
  'slip.dialog.preparing': 'Preparing the slip…',
  'slip.dialog.print': 'Print',
  'slip.dialog.failed': 'The slip could not be prepared.',

  // ---- shared words ----
  'common.close': 'Close',
};
