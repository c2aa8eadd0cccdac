// Pix Certif: members and invitations of the current centre (the common members page).
import { root } from "../common.js";
import { mountMembers } from "../members.js";
import { centrePath, currentCentreId, forgetCentre } from "./current.js";

const id = currentCentreId();
await mountMembers({
  id, notFound: "CENTRE_NOT_FOUND", home: `${root}certif/`, path: (rest = "") => centrePath(id, rest), forget: forgetCentre,
});
