// Pix Admin, support: one certification centre: edit it, invite an admin, archive it.
import { api } from "../api.js";
import { handleForm, showStatus } from "../forms.js";
import { done, formatDate, showLoadError, t } from "../ui.js";
import { showTrail } from "./trail.js";

const centreId = new URLSearchParams(window.location.search).get("id") || "";
const path = `/api/admin/certification-centres/${encodeURIComponent(centreId)}`;
const status = document.querySelector(".form-status");
const editForm = document.getElementById("edit-centre");

function fill(centre) {
  showTrail(document.getElementById("trail"), "centre", centre.id); // read again after each change; a help only
  document.getElementById("centre-title").textContent = centre.name;
  document.title = `${centre.name} · Pix Admin`;
  document.getElementById("f-id").textContent = centre.id;
  document.getElementById("f-created").textContent = formatDate(centre.created_at);
  editForm.elements.name.value = centre.name;
  editForm.elements.type.value = centre.type;
  editForm.elements.external_id.value = centre.external_id || "";
  editForm.elements.room_capacity.value = String(centre.room_capacity);
  document.getElementById("archived-note").hidden = !centre.archived;
  for (const id of ["edit-centre", "invite", "archive"]) {
    for (const control of document.getElementById(id).querySelectorAll("input, select, button")) control.disabled = centre.archived;
    if (id === "archive") document.getElementById(id).disabled = centre.archived;
  }
}

handleForm(editForm, async (data) => {
  const body = {
    name: data.get("name").trim(), type: data.get("type"), external_id: data.get("external_id").trim(),
    room_capacity: Number(data.get("room_capacity")),
  };
  fill(await api(path, { method: "PATCH", body, auth: true }));
  showStatus(editForm, t("centre_saved"), "success");
});

const invite = document.getElementById("invite");
handleForm(invite, async (data) => {
  const email = data.get("email").trim();
  await api(`${path}/admin-invitations`, { method: "POST", body: { email }, auth: true });
  invite.reset();
  showStatus(invite, t("centre_invited", { email }), "success");
});

document.getElementById("archive").addEventListener("click", async () => {
  if (!window.confirm(t("centre_archive_confirm"))) return;
  try {
    fill(await api(`${path}/archive`, { method: "POST", auth: true }));
    document.getElementById("archived-note").focus();
  } catch (error) {
    showLoadError(error, status);
  }
});

try {
  fill(await api(path, { auth: true }));
  document.getElementById("archived-note").tabIndex = -1;
  document.getElementById("content").hidden = false;
} catch (error) {
  showLoadError(error, status);
} finally {
  done(document.getElementById("loading"));
}
