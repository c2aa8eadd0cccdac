// A new password with the link received by e-mail; after it, a way to log in; a link that expired or
// already served offers to send a new one.
import { api } from "../api.js";
import { messages } from "../common.js";
import { handleForm, showStatus } from "../forms.js";
import { explainPassword, watchPassword } from "./password.js";

const form = document.getElementById("reset-form");
const token = new URLSearchParams(window.location.hash.slice(1)).get("token") || "";

function spent() {
  form.hidden = true;
  document.getElementById("reset-again").hidden = false;
}

if (!token) {
  spent();
  showStatus(form, messages.err_INVALID_RESET_LINK);
} else {
  watchPassword(form.elements.password);
  handleForm(form, async (data) => {
    try {
      await api("/api/password-reset/confirm", { method: "POST", body: { token, password: data.get("password") } });
    } catch (error) {
      if (error.code === "INVALID_RESET_LINK") spent();
      throw error;
    }
    form.hidden = true;
    history.replaceState(null, "", window.location.pathname); // the spent token leaves the address bar
    document.getElementById("reset-done").hidden = false;
    showStatus(form, messages.reset_done, "success");
  }, { explain: explainPassword });
}
