"""The list of disposable e-mail domains of the vote's validity policy, started with well-known throw-away
mailbox services; the secretariat keeps it in the admin."""

from django.db import migrations, models

DOMAINS = (
    "10minutemail.com",
    "dispostable.com",
    "getnada.com",
    "guerrillamail.com",
    "guerrillamail.net",
    "mailinator.com",
    "maildrop.cc",
    "mailnesia.com",
    "mohmal.com",
    "sharklasers.com",
    "temp-mail.org",
    "throwawaymail.com",
    "trashmail.com",
    "yopmail.com",
)


def load(apps, schema_editor):
    domain = apps.get_model("prizes", "DisposableEmailDomain")
    for name in DOMAINS:
        domain.objects.get_or_create(domain=name)


class Migration(migrations.Migration):
    dependencies = [
        ("prizes", "0003_review_voting_certificates"),
    ]

    operations = [
        migrations.CreateModel(
            name="DisposableEmailDomain",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("domain", models.CharField(max_length=255, unique=True, verbose_name="domain")),
                ("added_at", models.DateTimeField(auto_now_add=True, verbose_name="added at")),
            ],
            options={
                "verbose_name": "disposable e-mail domain",
                "verbose_name_plural": "disposable e-mail domains",
                "ordering": ["domain"],
            },
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
