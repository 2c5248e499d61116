"""Admin page for member states.

It lives here, not in :mod:`pvenet.states`: the states sit below auth, whose
``admin_required`` it needs, and admin sits on top of every feature.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..auth.permissions import admin_required
from ..extensions import db
from ..forms import EmptyForm
from ..states import services
from ..states.models import MemberState

bp = Blueprint("states", __name__, url_prefix="/admin/states", template_folder="templates")


@bp.get("/")
@admin_required
def index():
    return render_template("states/admin.html", states=services.all_states(), form=EmptyForm())


@bp.post("/<int:state_id>")
@admin_required
def update(state_id: int):
    state = db.get_or_404(MemberState, state_id)
    form = EmptyForm()
    if form.validate_on_submit():
        try:
            position = int(request.form.get("rotation_position", ""))
        except ValueError:
            flash(_("The rotation position must be a whole number."), "danger")
            return redirect(url_for(".index"))
        try:
            services.update_state(
                state,
                actor=current_user._get_current_object(),
                is_active=request.form.get("is_active") == "1",
                rotation_position=position,
            )
        except services.StateError as exc:
            flash(str(exc), "danger")
        else:
            db.session.commit()
            flash(_("%(state)s has been updated.", state=state.name()), "success")
    return redirect(url_for(".index"))
