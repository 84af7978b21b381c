// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-validate"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-shop-validate.h"

static gboolean
set_invalid (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_INVALID_INPUT, message);
  return FALSE;
}

static gboolean
accept (char       **out_normalized,
        const char  *value)
{
  if (out_normalized != NULL)
    *out_normalized = g_strdup (value);
  return TRUE;
}

/* Keeps the digits of @text, dropping the separators people type
 * (spaces, no-break spaces, dots, dashes). Returns NULL if anything else
 * is there. */
static char *
digits_only (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && g_ascii_isdigit (c))
        g_string_append_c (digits, (char) c);
      else if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == '.' || c == '-'))
        return g_string_free (digits, TRUE), NULL;
    }
  return g_string_free (digits, FALSE);
}

static gboolean
luhn_valid (const char *digits)
{
  gsize len = strlen (digits);
  guint sum = 0;

  for (gsize i = 0; i < len; i++)
    {
      guint d = (guint) (digits[len - 1 - i] - '0');

      if (i % 2 == 1)
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
  return sum % 10 == 0;
}

/**
 * comptoir_validate_siret:
 *
 * A SIRET is 14 digits whose Luhn checksum holds. La Poste (SIREN
 * 356 000 000) numbers its many establishments differently: there the sum
 * of the 14 digits is a multiple of 5.
 */
gboolean
comptoir_validate_siret (const char  *text,
                         char       **out_normalized,
                         GError     **error)
{
  g_autofree char *digits = NULL;
  gboolean valid;

  g_return_val_if_fail (text != NULL, FALSE);

  digits = digits_only (text);
  if (digits != NULL && *digits == '\0' && strspn (text, " \t") == strlen (text))
    return accept (out_normalized, "");
  if (digits == NULL || strlen (digits) != 14)
    return set_invalid (error, _("A SIRET number has 14 digits. You will find it on your Kbis or on an invoice."));

  valid = luhn_valid (digits);
  if (!valid && g_str_has_prefix (digits, "356000000"))
    {
      guint sum = 0;

      for (const char *p = digits; *p; p++)
        sum += (guint) (*p - '0');
      valid = sum % 5 == 0;
    }
  if (!valid)
    return set_invalid (error, _("This SIRET number does not exist: a digit may be wrong or two may be swapped. Check it on your Kbis."));

  return accept (out_normalized, digits);
}

/**
 * comptoir_validate_postcode:
 *
 * Five digits, starting with a département between 01 and 98 (20 for
 * Corsica, 97 and 98 overseas and Monaco).
 */
gboolean
comptoir_validate_postcode (const char  *text,
                            char       **out_normalized,
                            GError     **error)
{
  g_autofree char *stripped = NULL;
  int department;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return accept (out_normalized, "");
  if (strlen (stripped) != 5 || strspn (stripped, "0123456789") != 5)
    return set_invalid (error, _("A postcode has five digits, for example 24200."));

  department = (stripped[0] - '0') * 10 + (stripped[1] - '0');
  if (department < 1 || department > 98)
    return set_invalid (error, _("This postcode does not exist in France. Check the first two digits."));

  return accept (out_normalized, stripped);
}

/**
 * comptoir_validate_phone:
 *
 * Accepts French numbers however they are typed (“06 12 34 56 78”,
 * “06.12.34.56.78”, “+33 6 12 34 56 78”, “+33 (0)6…”, “0033 6…”) and
 * other international numbers starting with +; normalises to E.164
 * (+33612345678).
 */
gboolean
comptoir_validate_phone (const char  *text,
                         char       **out_normalized,
                         GError     **error)
{
  g_autoptr(GString) cleaned = g_string_new (NULL);
  const char *national;
  g_autofree char *e164 = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 128 && (g_ascii_isdigit (c) || (c == '+' && cleaned->len == 0)))
        g_string_append_c (cleaned, (char) c);
      else if (c == '(' && g_str_has_prefix (p, "(0)"))
        p += 2; /* the “(0)” of +33 (0)6 … */
      else if (!(g_unichar_isspace (c) || c == 0x00A0 || c == 0x202F || c == '.' || c == '-' ||
                 c == '/' || c == '(' || c == ')'))
        return set_invalid (error, _("A phone number has only digits, for example 06 12 34 56 78."));
    }

  if (cleaned->len == 0)
    return accept (out_normalized, "");

  if (g_str_has_prefix (cleaned->str, "0033"))
    national = cleaned->str + 4;
  else if (g_str_has_prefix (cleaned->str, "+33"))
    national = cleaned->str + 3;
  else if (cleaned->str[0] == '+' || g_str_has_prefix (cleaned->str, "00"))
    {
      /* Another country: keep it as it is, if it looks like E.164. */
      const char *digits = cleaned->str + (cleaned->str[0] == '+' ? 1 : 2);
      gsize len = strlen (digits);

      if (len < 8 || len > 15 || digits[0] == '0')
        return set_invalid (error, _("This international number is not complete. Write it as +33 6 12 34 56 78."));
      e164 = g_strconcat ("+", digits, NULL);
      return accept (out_normalized, e164);
    }
  else if (cleaned->str[0] == '0')
    national = cleaned->str + 1;
  else
    return set_invalid (error, _("A French phone number starts with 0 and has ten digits, for example 06 12 34 56 78."));

  if (*national == '0' && strlen (national) == 10)
    national++; /* +33 06 … typed with the leading zero kept */
  if (strlen (national) != 9)
    return set_invalid (error, _("A French phone number has ten digits, for example 06 12 34 56 78."));
  if (national[0] == '0')
    return set_invalid (error, _("A French phone number starts with 0 and has ten digits, for example 06 12 34 56 78."));

  e164 = g_strconcat ("+33", national, NULL);
  return accept (out_normalized, e164);
}

/**
 * comptoir_phone_format_national:
 * @e164: a number as comptoir_validate_phone() stores it
 *
 * Returns: (transfer full): “06 12 34 56 78” for a French number, the
 *   E.164 text otherwise.
 */
char *
comptoir_phone_format_national (const char *e164)
{
  GString *out;

  if (e164 == NULL || !g_str_has_prefix (e164, "+33") || strlen (e164) != 12)
    return g_strdup (e164 ? e164 : "");

  out = g_string_new ("0");
  for (guint i = 3; i < 12; i++)
    {
      g_string_append_c (out, e164[i]);
      if (i % 2 == 1 && i < 11)
        g_string_append_c (out, ' ');
    }
  return g_string_free (out, FALSE);
}

gboolean
comptoir_validate_email (const char  *text,
                         char       **out_normalized,
                         GError     **error)
{
  g_autofree char *stripped = NULL;
  const char *at, *dot;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return accept (out_normalized, "");

  at = strchr (stripped, '@');
  if (at == NULL || at == stripped || strchr (at + 1, '@') != NULL)
    return set_invalid (error, _("An e-mail address looks like name@example.fr."));
  for (const char *p = stripped; *p; p++)
    if (g_ascii_isspace (*p) || *p == '<' || *p == '>' || *p == '"' || *p == ',' || *p == ';')
      return set_invalid (error, _("An e-mail address has no spaces or commas."));
  dot = strrchr (at + 1, '.');
  if (dot == NULL || dot == at + 1 || dot[1] == '\0' || strstr (at, "..") != NULL)
    return set_invalid (error, _("The end of this e-mail address is not complete, as in name@example.fr."));

  /* The domain is case-insensitive; the part before @ is kept as typed. */
  {
    g_autofree char *domain = g_ascii_strdown (at + 1, -1);
    g_autofree char *normalized = g_strdup_printf ("%.*s@%s", (int) (at - stripped), stripped, domain);

    return accept (out_normalized, normalized);
  }
}

static gboolean
parse_web_address (const char  *text,
                   char       **out_normalized,
                   GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *with_scheme = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  if (*stripped == '\0')
    return accept (out_normalized, "");

  for (const char *p = stripped; *p; p++)
    if (g_ascii_isspace (*p))
      return set_invalid (error, _("A web address has no spaces, as in www.example.fr."));

  scheme = g_uri_peek_scheme (stripped);
  if (scheme == NULL || strstr (stripped, "://") == NULL)
    with_scheme = g_strconcat ("https://", stripped, NULL);
  else
    with_scheme = g_strdup (stripped);

  uri = g_uri_parse (with_scheme, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return set_invalid (error, _("This web address cannot be read. Copy it from your browser’s address bar."));
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return set_invalid (error, _("A web address starts with https:// or www."));
  host = g_uri_get_host (uri);
  if (host == NULL || strchr (host, '.') == NULL || host[strlen (host) - 1] == '.' || host[0] == '.')
    return set_invalid (error, _("The address of the site is not complete, as in www.example.fr."));

  return accept (out_normalized, with_scheme);
}

/**
 * comptoir_validate_website:
 *
 * An http or https address; https:// is added when no scheme is typed
 * (“www.boulangerie-martin.fr”).
 */
gboolean
comptoir_validate_website (const char  *text,
                           char       **out_normalized,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);

  return parse_web_address (text, out_normalized, error);
}

/**
 * comptoir_validate_social_link:
 *
 * A page on a social network, as a web address. “@name” alone is refused
 * because it does not say which network.
 */
gboolean
comptoir_validate_social_link (const char  *text,
                               char       **out_normalized,
                               GError     **error)
{
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '@')
    return set_invalid (error, _("Paste the whole address of your page, for example https://www.instagram.com/your.shop."));
  return parse_web_address (stripped, out_normalized, error);
}

/**
 * comptoir_social_link_network:
 *
 * Returns: (nullable): “Facebook”, “Instagram”… from the address, or %NULL
 *   for another site.
 */
const char *
comptoir_social_link_network (const char *url)
{
  static const struct { const char *domain; const char *name; } networks[] = {
    { "facebook.com", "Facebook" },
    { "fb.com", "Facebook" },
    { "instagram.com", "Instagram" },
    { "tiktok.com", "TikTok" },
    { "youtube.com", "YouTube" },
    { "linkedin.com", "LinkedIn" },
    { "pinterest.com", "Pinterest" },
    { "pinterest.fr", "Pinterest" },
    { "x.com", "X" },
    { "twitter.com", "X" },
    { "mastodon.social", "Mastodon" },
  };
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (url == NULL)
    return NULL;
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (networks); i++)
    {
      gsize hl = strlen (host), dl = strlen (networks[i].domain);

      if (g_ascii_strcasecmp (host, networks[i].domain) == 0 ||
          (hl > dl && host[hl - dl - 1] == '.' && g_ascii_strcasecmp (host + hl - dl, networks[i].domain) == 0))
        return networks[i].name;
    }
  return NULL;
}
