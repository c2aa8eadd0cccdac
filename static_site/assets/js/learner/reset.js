import { api } from "../api.js";
import { handleForm, showStatus } from "../forms.js";
import { messages } from "../common.js";

const form = document.getElementById("reset-form");
const token = new URLSearchParams(window.location.hash.slice(1)).get("token") || "";
handleForm(form, async (data) => {
  await api("/api/password-reset/confirm", { method: "POST", body: { token, password: data.get("password") } });
  form.hidden = true;
  showStatus(form, messages.reset_done, "success");
});
