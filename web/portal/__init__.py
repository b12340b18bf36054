"""The petitioner's portal: submit online, follow progress, evaluate, request review (Art. 17-21, 35-36)."""
from flask import Blueprint, Response

bp = Blueprint("portal", __name__, url_prefix="/portal", template_folder="templates")


@bp.after_request
def keep_out_of_caches(response: Response) -> Response:
    """Keep portal pages out of every cache, the browser's back-forward cache included.

    Petitions are often followed from a shared computer (a library, a village service centre): once
    the case is closed in the browser, Back must not bring its progress, notices or query code back.
    """
    response.headers["Cache-Control"] = "no-store"
    return response


from . import expired, follow, submit  # noqa: E402,F401  (routes attach to bp)
