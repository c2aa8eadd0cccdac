// The link sent to a new e-mail address: one click confirms it (not the page's opening: a mail scanner
// that fetches links must not confirm for the person). The token is in the fragment, never sent to a server.
import { api } from "../api.js";
import { messages } from "../common.js";
import { handleForm, showStatus } from "../forms.js";

const form = document.getElementById("email-confirm-form");
const token = new URLSearchParams(window.location.hash.slice(1)).get("token") || "";

function spent() {
  form.hidden = true;
  document.getElementById("email-confirm-lead").hidden = true;
  document.getElementById("email-confirm-again").hidden = false;
}

if (!token) {
  spent();
  showStatus(form, messages.err_INVALID_EMAIL_LINK);
} else {
  handleForm(form, async () => {
    try {
      const changed = await api("/api/email-change/confirm", { method: "POST", body: { token } });
      form.hidden = true;
      document.getElementById("email-confirm-lead").hidden = true;
      document.getElementById("email-confirm-next").hidden = false;
      history.replaceState(null, "", window.location.pathname); // the spent token leaves the address bar
      showStatus(form, messages.email_confirm_done.replace("{email}", changed.email), "success");
    } catch (error) {
      if (error.code === "INVALID_EMAIL_LINK") spent();
      throw error;
    }
  });
}
