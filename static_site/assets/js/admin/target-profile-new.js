// Pix Admin: a new target profile from the release's tubes, each capped at a level (tube-picker.js).
import { api } from "../api.js";
import { root } from "../common.js";
import { handleForm } from "../forms.js";
import { adminPage } from "./shell.js";
import { tubePicker } from "./tube-picker.js";

const form = document.getElementById("new-profile");

adminPage(async () => {
  const catalog = await api("/api/admin/target-profile-tubes", { auth: true });
  const picker = tubePicker(catalog, document.getElementById("competences"), document.getElementById("selection"));
  form.hidden = false;
  handleForm(form, async (data) => {
    const body = {
      name: data.get("name").trim(),
      category: data.get("category"),
      description: data.get("description").trim(),
      comment: data.get("comment").trim() || null,
      resettable: data.get("resettable") === "on",
      tubes: picker.chosen(),
    };
    const created = await api("/api/admin/target-profiles", { method: "POST", body, auth: true });
    window.location.assign(`${root}admin/profils-cibles/profil/?id=${encodeURIComponent(created.id)}`);
  });
});
