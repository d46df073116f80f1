"""load_demo's accounts: the README's password in development and tests only, random elsewhere."""

import re
from pathlib import Path

from django.contrib.auth import authenticate
from django.core.management import call_command

import pytest

from home.management.commands.load_demo import DEMO_PUBLISHED_PASSWORD
from portal_site import settings as settings_package

ACCOUNTS = ["admin", "stp.bientap", "stp.pheduyet", "chauthanh.bientap", "chauthanh.pheduyet"]


def printed_logins(output):
    return dict(re.findall(r"^  [^:\n]+: (\S+) / (\S+)$", output, flags=re.MULTILINE))


@pytest.mark.django_db
def test_production_demo_accounts_get_random_passwords_printed_once(home, settings, capsys):
    settings.PORTAL_DEMO_PUBLISHED_PASSWORDS = False
    call_command("load_demo")
    logins = printed_logins(capsys.readouterr().out)
    assert sorted(logins) == sorted(ACCOUNTS)
    assert len(set(logins.values())) == len(ACCOUNTS)
    for username, password in logins.items():
        assert password != DEMO_PUBLISHED_PASSWORD
        assert authenticate(username=username, password=password).username == username
        assert authenticate(username=username, password=DEMO_PUBLISHED_PASSWORD) is None

    call_command("load_demo")  # a second run neither changes nor prints the passwords
    output = capsys.readouterr().out
    assert printed_logins(output) == {}
    assert output.count("(tài khoản đã có, mật khẩu giữ nguyên)") == len(ACCOUNTS)
    assert authenticate(username="admin", password=logins["admin"]) is not None


@pytest.mark.django_db
def test_test_settings_keep_the_published_demo_password(home, capsys):
    call_command("load_demo")
    logins = printed_logins(capsys.readouterr().out)
    assert logins == dict.fromkeys(ACCOUNTS, DEMO_PUBLISHED_PASSWORD)
    assert authenticate(username="admin", password=DEMO_PUBLISHED_PASSWORD) is not None


def test_only_the_development_and_test_settings_publish_demo_passwords():
    # Read, not imported: the production module refuses to load without its environment.
    folder = Path(settings_package.__file__).parent
    defining = sorted(
        path.stem for path in folder.glob("*.py") if "PORTAL_DEMO_PUBLISHED_PASSWORDS" in path.read_text()
    )
    assert defining == ["dev", "test"]
