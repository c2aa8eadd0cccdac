// Form submission with accessible errors: each faulty field is marked and described, a summary
// is announced, and a network failure keeps what was typed so the learner can simply retry.
import { ApiError, NetworkError } from "./api.js";
import { errorMessage, messages } from "./common.js";

function status(form) {
  return form.closest("article, main").querySelector(".form-status");
}

export function showStatus(form, text, kind = "error") {
  const box = status(form);
  box.textContent = text;
  box.className = `form-status ${kind}`;
  box.hidden = false;
  box.focus();
}

function clearErrors(form) {
  status(form).hidden = true;
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  for (const small of form.querySelectorAll(".field-error")) { small.hidden = true; small.textContent = ""; }
}

function markField(form, name, text) {
  const input = form.elements[name];
  const small = form.querySelector(`#${name}-error`);
  if (!input || !small) return false;
  input.setAttribute("aria-invalid", "true");
  const described = new Set((input.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
  described.add(`${name}-error`);
  input.setAttribute("aria-describedby", [...described].join(" "));
  small.textContent = text;
  small.hidden = false;
  return true;
}

// Submit buttons are disabled in the HTML until this handler is attached, so a form sent before
// the script runs never falls back to a plain browser submission.
// Options: `fields` maps the API's field names to this form's (two forms of a page cannot both name an
// input "password"); `explain(error)` gives the page's own words for an error (in the page's language),
// shown on the faulty field and in the summary, instead of the server's French detail.
export function handleForm(form, submit, { fields = {}, explain = () => null } = {}) {
  form.querySelector("button[type=submit]").disabled = false;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors(form);
    const missing = [...form.querySelectorAll("[required]")].filter(
      (input) => !input.closest("[hidden]") && (input.type === "checkbox" ? !input.checked : !input.value.trim()),
    );
    if (missing.length) {
      for (const input of missing) markField(form, input.name, messages.js_required);
      showStatus(form, messages.js_error_summary + " " + missing.map((i) => form.querySelector(`label[for=${i.id}]`)?.textContent || i.name).join(", "));
      missing[0].focus();
      return;
    }
    const button = form.querySelector("button[type=submit]");
    button.setAttribute("aria-busy", "true");
    button.disabled = true;
    try {
      await submit(new FormData(form));
    } catch (error) {
      const explained = error instanceof ApiError ? explain(error) : null;
      if (error instanceof ApiError) {
        // A field's message: the page's words, else the catalog's for the code (the server's is French),
        // else the validator's own (INVALID_INPUT details name the field's problem).
        const known = error.code !== "INVALID_INPUT" && messages[`err_${error.code}`];
        for (const detail of error.details) {
          markField(form, fields[detail.field] || detail.field, explained || known || detail.message);
        }
      } else if (!(error instanceof NetworkError)) {
        throw error;
      }
      showStatus(form, explained || errorMessage(error));
    } finally {
      button.removeAttribute("aria-busy");
      button.disabled = false;
    }
  });
}
