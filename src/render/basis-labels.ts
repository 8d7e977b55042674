/**
 * @module render/basis-labels
 * Words for the tokens the lawful-basis assessment and the Art. 30 register show besides
 * those in `labels.ts`: Chapter V safeguards, Art. 9(2) conditions, UK recognised interests
 * and the ePrivacy layer. The tables live in `core/messages/value-labels` so the web app's
 * choices and the documents use the same words.
 */
export {
  ARTICLE9_LABELS,
  DPIA_INDICATOR_LABELS,
  MARKETING_CHANNEL_LABELS,
  MARKETING_ROUTE_LABELS,
  RECOGNISED_INTEREST_LABELS,
  TERMINAL_TECHNOLOGY_LABELS,
  TRANSFER_MECHANISM_LABELS,
} from "../core/messages/value-labels.ts";
