"""The two Ombudsmen a resident can go to after stage 2 (DOMAIN.md, Stages)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

HOUSING_OMBUDSMAN = {
    "code": "housing",
    "name": _l("Housing Ombudsman Service"),
    "phone": "0300 111 3000",
    "web": "www.housing-ombudsman.org.uk",
}
LGSCO = {
    "code": "lgsco",
    "name": _l("Local Government and Social Care Ombudsman"),
    "phone": "0300 061 0614",
    "web": "www.lgo.org.uk",
}


def ombudsman_for(is_housing_landlord: bool) -> dict:
    """Housing landlord matters go to the Housing Ombudsman, everything else to the LGSCO."""
    return HOUSING_OMBUDSMAN if is_housing_landlord else LGSCO


def ombudsman_name(code: str) -> str:
    return str((HOUSING_OMBUDSMAN if code == "housing" else LGSCO)["name"])
