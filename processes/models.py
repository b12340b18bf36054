"""Every table of the regulation's records, imported together so `create_all` knows them all."""
from processes import access_events, accounts, backfills, holidays, numbering, organs, query_attempts, sign_in  # noqa: F401
from processes import suggestions  # noqa: F401
from processes.documents import models as documents  # noqa: F401
from processes.petitions import models as petitions  # noqa: F401
