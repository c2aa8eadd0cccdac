// A new password's rules, told all at once: live as the person types ("Il manque : 8 caractères, une
// majuscule, un chiffre"), and from the server's answer, which also says why a password is easy to guess
// (zxcvbn runs on the server only: its dictionaries weigh too much for the page).
import { messages } from "../common.js";
import { t } from "../ui.js";

// The same rules as the server's (chalicelib/accounts/passwords.py RULES), in the same order.
const RULES = [
  ["length", (p) => p.length >= 8],
  ["lowercase", (p) => /[a-z]/.test(p)],
  ["uppercase", (p) => /[A-Z]/.test(p)],
  ["digit", (p) => /[0-9]/.test(p)],
];
const REASONS = ["personal", "common", "word", "keyboard", "sequence", "date"];

export function missingRules(password) {
  return RULES.filter(([, kept]) => !kept(password)).map(([rule]) => rule);
}

function missingText(missing) {
  return t("pw_missing", { list: missing.map((rule) => messages[`pw_rule_${rule}`]).join(", ") });
}

// The page's words for the server's refusal of a password, or null for another error.
export function explainPassword(error) {
  if (error.code === "WEAK_PASSWORD" && error.meta.missing?.length) return missingText(error.meta.missing);
  if (error.code === "GUESSABLE_PASSWORD") {
    const reasons = (error.meta.reasons || []).filter((r) => REASONS.includes(r));
    return reasons.length ? t("pw_guessable", { list: reasons.map((r) => messages[`pw_reason_${r}`]).join(" ; ") })
      : messages.err_GUESSABLE_PASSWORD;
  }
  return null;
}

// Under the input, what is still missing, updated as the person types (announced politely, after a
// pause, not at each key).
export function watchPassword(input) {
  const live = document.createElement("small");
  live.id = `${input.id}-rules`;
  live.className = "password-rules";
  live.setAttribute("aria-live", "polite");
  const described = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
  described.add(live.id);
  input.setAttribute("aria-describedby", [...described].join(" "));
  (document.getElementById(`${input.id}-hint`) || input).after(live);
  let timer = null;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const missing = missingRules(input.value);
      live.classList.toggle("ok", input.value !== "" && !missing.length);
      live.textContent = !input.value ? "" : missing.length ? missingText(missing) : messages.pw_rules_ok;
    }, 250);
  });
}
