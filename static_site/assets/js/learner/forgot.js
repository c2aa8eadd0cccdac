import { api } from "../api.js";
import { messages } from "../common.js";
import { handleForm, showStatus } from "../forms.js";

const form = document.getElementById("forgot-form");
handleForm(form, async (data) => {
  // The page's language: the e-mail is written in it.
  await api("/api/password-reset", {
    method: "POST", body: { email: data.get("email"), lang: document.documentElement.lang },
  });
  form.hidden = true;
  showStatus(form, messages.forgot_sent, "success");
});
