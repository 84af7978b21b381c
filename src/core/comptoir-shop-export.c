// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-shop-export"

#include "comptoir-i18n.h"

#include <string.h>

#include "comptoir-error.h"
#include "comptoir-media-store.h"
#include "comptoir-money.h"
#include "comptoir-shop-export.h"
#include "comptoir-shop-jsonld.h"
#include "comptoir-shop-markup.h"
#include "comptoir-shop-validate.h"
#include "comptoir-store-private.h"

/* “Export my page”: one standalone HTML file, a website for merchants who
 * have none. Images are embedded as data: URIs, the CSS is inline and uses
 * system fonts, nothing is fetched from elsewhere. Every piece of merchant
 * text goes through comptoir_html_escape() where it lands. */

/* Images above this are left out rather than making a huge page. */
#define MAX_EMBEDDED_IMAGE (8 * 1024 * 1024)

static const char page_css[] =
  ":root{color-scheme:light dark;--accent:#1c71d8;--bg:#fafafa;--card:#fff;--fg:#1e1e1e;--muted:#5e5c64;--line:#deddda}"
  "@media (prefers-color-scheme:dark){:root{--accent:#78aeed;--bg:#1e1e1e;--card:#2a2a2a;--fg:#f6f5f4;--muted:#c0bfbc;--line:#3d3846}}"
  "*{box-sizing:border-box}"
  "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Cantarell,Roboto,sans-serif;line-height:1.5;background:var(--bg);color:var(--fg)}"
  "a{color:var(--accent)}"
  ".hero{position:relative;min-height:200px;background:linear-gradient(135deg,#3584e4,#26a269);display:flex;align-items:flex-end}"
  ".hero img.cover{position:absolute;inset:0;width:100%;height:100%;object-fit:cover}"
  ".hero .shade{position:relative;width:100%;padding:48px 24px 24px;background:linear-gradient(transparent,rgba(0,0,0,.65));color:#fff}"
  ".hero .inner,main{max-width:960px;margin:0 auto}"
  ".hero .inner{display:flex;gap:20px;align-items:center}"
  ".logo{width:96px;height:96px;border-radius:50%;object-fit:cover;background:#fff;border:3px solid #fff;flex:none}"
  "h1{margin:0;font-size:2.2rem;line-height:1.15;overflow-wrap:anywhere}"
  ".tagline{margin:4px 0 0;font-size:1.15rem;opacity:.95}"
  ".badge{display:inline-block;margin-top:8px;padding:2px 10px;border-radius:999px;background:rgba(255,255,255,.2);font-size:.9rem}"
  "main{padding:24px;display:grid;grid-template-columns:3fr 2fr;gap:24px}"
  "section{background:var(--card);border:1px solid var(--line);border-radius:12px;padding:20px}"
  "h2{margin:0 0 12px;font-size:1.2rem}"
  ".about{grid-column:1;align-self:start}.range{white-space:nowrap}.side{grid-column:2;display:flex;flex-direction:column;gap:24px}"
  ".contact p{margin:0 0 8px}"
  ".button{display:inline-block;padding:10px 16px;border-radius:8px;background:var(--accent);color:#fff;text-decoration:none;font-weight:600;margin:4px 8px 4px 0}"
  "table{width:100%;border-collapse:collapse}"
  "td,th{padding:6px 8px;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}"
  "th{font-weight:600;white-space:nowrap}"
  "tr.today{background:rgba(53,132,228,.14)}tr.today th::after{content:' \\2022'}"
  ".closed{color:var(--muted)}"
  ".muted{color:var(--muted);font-size:.9rem}"
  "ul.services{padding-left:20px;margin:0}"
  "footer{max-width:960px;margin:0 auto;padding:8px 24px 32px;color:var(--muted);font-size:.85rem}"
  "@media (max-width:720px){main{grid-template-columns:1fr;padding:16px;gap:16px}.about,.side{grid-column:1}"
  ".hero .inner{flex-direction:column;align-items:flex-start;gap:12px}h1{font-size:1.7rem}.logo{width:72px;height:72px}}";

/* Marks today's row in the visitor's browser (Paris time); the row marked
 * at export time stays when scripts are off. */
static const char page_script[] =
  "(function(){try{var d=new Intl.DateTimeFormat('en-GB',{weekday:'long',timeZone:'Europe/Paris'}).format(new Date()).toLowerCase();"
  "var rows=document.querySelectorAll('tr[data-day]');for(var i=0;i<rows.length;i++){rows[i].classList.toggle('today',rows[i].getAttribute('data-day')===d);}}catch(e){}})();";

static const char *day_keys[7] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static const char *
day_label (GDateWeekday day)
{
  static const char *names[7] = {
    N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
    N_("Friday"), N_("Saturday"), N_("Sunday")
  };
  return _(names[day - 1]);
}

/* Where the published image of @hash is, as the photo pipeline stores it.
 * Hashes become file names: anything but a valid media hash is refused. */
static char *
media_path_for_hash (const char *hash)
{
  if (!comptoir_media_hash_is_valid (hash))
    return NULL;
  return comptoir_media_get_path (hash, COMPTOIR_MEDIA_WEB);
}

static char *
media_mime_type (ComptoirStore *store,
                 const char    *hash,
                 const char    *path)
{
  g_autoptr(sqlite3_stmt) stmt = comptoir_store_prepare (store, "SELECT mime_type FROM media WHERE hash = ?1", NULL);
  gboolean uncertain;
  g_autofree char *content_type = NULL;

  if (stmt != NULL)
    {
      comptoir_sql_bind_text (stmt, 1, hash);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return g_strdup (comptoir_sql_column_text (stmt, 0));
    }
  content_type = g_content_type_guess (path, NULL, 0, &uncertain);
  return g_content_type_get_mime_type (content_type);
}

/* A data: URI of the image, or NULL when there is none to embed. */
static char *
image_data_uri (ComptoirStore *store,
                const char    *hash)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *mime = NULL;
  g_autofree char *base64 = NULL;
  gsize length;

  if (hash == NULL || *hash == '\0' || store == NULL)
    return NULL;
  path = media_path_for_hash (hash);
  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL) || length > MAX_EMBEDDED_IMAGE)
    return NULL;
  mime = media_mime_type (store, hash, path);
  if (mime == NULL || !g_str_has_prefix (mime, "image/") || strpbrk (mime, "\"'<>; ") != NULL)
    return NULL;
  base64 = g_base64_encode ((const guchar *) contents, length);
  return g_strdup_printf ("data:%s;base64,%s", mime, base64);
}

/* JSON-LD inside <script>: nothing in it may close the element or open a
 * comment, so <, > and & are written as JSON escapes. */
static char *
json_ld_for_script (ComptoirShop *shop)
{
  g_autoptr(JsonNode) node = comptoir_shop_to_json_ld (shop, NULL);
  g_autofree char *json = json_to_string (node, TRUE);
  GString *out = g_string_new (NULL);

  for (const char *p = json; *p; p++)
    switch (*p)
      {
      case '<': g_string_append (out, "\\u003c"); break;
      case '>': g_string_append (out, "\\u003e"); break;
      case '&': g_string_append (out, "\\u0026"); break;
      default: g_string_append_c (out, *p);
      }
  return g_string_free (out, FALSE);
}

static void
append_text (GString    *out,
             const char *text)
{
  g_autofree char *escaped = comptoir_html_escape (text);
  g_string_append (out, escaped);
}

static void
append_ranges (GString                 *out,
               const ComptoirTimeRange *ranges,
               guint                    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *open = comptoir_time_format (ranges[i].open);
      g_autofree char *close = comptoir_time_format (ranges[i].close);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "<span class=\"range\">%s–%s</span>", open, close);
    }
}

static void
append_hours (GString      *out,
              ComptoirShop *shop,
              GDateTime    *now)
{
  const ComptoirOpeningHours *hours = comptoir_shop_get_opening_hours (shop);
  g_autoptr(GTimeZone) tz = comptoir_shop_time_zone ();
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, tz);
  int today = g_date_time_get_day_of_week (local);
  GDate today_date;
  gboolean any_upcoming = FALSE;

  if (comptoir_opening_hours_is_empty (hours))
    return;

  g_date_clear (&today_date, 1);
  g_date_set_dmy (&today_date, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                  g_date_time_get_year (local));

  g_string_append_printf (out, "<section class=\"hours\"><h2>%s</h2><table>\n", _("Opening hours"));
  for (GDateWeekday day = G_DATE_MONDAY; day <= G_DATE_SUNDAY; day++)
    {
      guint n;
      const ComptoirTimeRange *ranges = comptoir_opening_hours_get_ranges (hours, day, &n);

      g_string_append_printf (out, "<tr data-day=\"%s\"%s><th>%s</th>", day_keys[day - 1],
                              (int) day == today ? " class=\"today\"" : "", day_label (day));
      if (n == 0)
        g_string_append_printf (out, "<td class=\"closed\">%s</td>", _("Closed"));
      else
        {
          g_string_append (out, "<td>");
          append_ranges (out, ranges, n);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</table>\n");

  for (guint i = 0; i < comptoir_opening_hours_get_n_exceptions (hours); i++)
    {
      const ComptoirHoursException *exception = comptoir_opening_hours_get_exception (hours, i);
      char from[32], to[32];

      if (g_date_compare (&exception->to, &today_date) < 0)
        continue; /* past */
      if (!any_upcoming)
        g_string_append_printf (out, "<h2 style=\"margin-top:16px\">%s</h2><ul class=\"services\">\n",
                                _("Special dates"));
      any_upcoming = TRUE;
      g_date_strftime (from, sizeof from, "%d/%m/%Y", &exception->from);
      g_date_strftime (to, sizeof to, "%d/%m/%Y", &exception->to);
      g_string_append (out, "<li>");
      if (g_date_compare (&exception->from, &exception->to) == 0)
        g_string_append_printf (out, _("On %s"), from);
      else
        g_string_append_printf (out, C_("exception dates", "From %s to %s"), from, to);
      g_string_append (out, " : ");
      if (exception->closed)
        g_string_append (out, _("closed"));
      else
        append_ranges (out, (const ComptoirTimeRange *) exception->ranges->data, exception->ranges->len);
      if (exception->label != NULL && *exception->label != '\0')
        {
          g_string_append (out, " — ");
          append_text (out, exception->label);
        }
      g_string_append (out, "</li>\n");
    }
  if (any_upcoming)
    g_string_append (out, "</ul>\n");
  g_string_append (out, "</section>\n");
}

static void
append_services (GString      *out,
                 ComptoirShop *shop)
{
  const char * const *methods = comptoir_shop_get_payment_methods (shop);
  gboolean any = comptoir_shop_get_click_and_collect (shop) || comptoir_shop_get_delivery (shop) ||
                 comptoir_shop_get_shipping (shop) || (methods && methods[0]);

  if (!any)
    return;

  g_string_append_printf (out, "<section class=\"services\"><h2>%s</h2><ul class=\"services\">\n", _("Services"));
  if (comptoir_shop_get_click_and_collect (shop))
    {
      g_string_append (out, "<li>");
      append_text (out, _("Click & collect: order, then pick up in the shop"));
      g_string_append (out, "</li>\n");
    }
  if (comptoir_shop_get_delivery (shop))
    {
      const char * const *communes = comptoir_shop_get_delivery_communes (shop);
      guint radius = comptoir_shop_get_delivery_radius_km (shop);
      gint64 fee = comptoir_shop_get_delivery_fee_cents (shop);
      gint64 free_above = comptoir_shop_get_delivery_free_above_cents (shop);

      g_string_append_printf (out, "<li>%s", _("Local delivery"));
      if (radius > 0)
        {
          g_autofree char *text = g_strdup_printf (_("within %u km"), radius);
          g_string_append (out, " ");
          append_text (out, text);
        }
      else if (communes && communes[0])
        {
          g_autofree char *list = g_strjoinv (", ", (char **) communes);
          g_string_append_printf (out, " %s ", _("to"));
          append_text (out, list);
        }
      if (fee > 0)
        {
          g_autofree char *amount = comptoir_money_format (fee);
          g_autofree char *text = g_strdup_printf (_("%s per delivery"), amount);
          g_string_append (out, " · ");
          append_text (out, text);
        }
      else
        g_string_append_printf (out, " · %s", _("free"));
      if (fee > 0 && free_above > 0)
        {
          g_autofree char *amount = comptoir_money_format (free_above);
          g_autofree char *text = g_strdup_printf (_("free above %s"), amount);
          g_string_append (out, ", ");
          append_text (out, text);
        }
      g_string_append (out, "</li>\n");
    }
  if (comptoir_shop_get_shipping (shop))
    g_string_append_printf (out, "<li>%s</li>\n", _("Shipping by post"));
  if (methods && methods[0])
    {
      g_string_append_printf (out, "<li>%s ", _("Payment accepted:"));
      for (guint i = 0; methods[i]; i++)
        {
          if (i > 0)
            g_string_append (out, ", ");
          append_text (out, comptoir_shop_payment_method_label (methods[i]));
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul></section>\n");
}

static void
append_contact (GString      *out,
                ComptoirShop *shop)
{
  const char *street = comptoir_shop_get_street (shop);
  const char *postcode = comptoir_shop_get_postcode (shop);
  const char *city = comptoir_shop_get_city (shop);
  const char *phone = comptoir_shop_get_phone (shop);
  const char *email = comptoir_shop_get_email (shop);
  const char *website = comptoir_shop_get_website (shop);
  const char * const *links = comptoir_shop_get_social_links (shop);

  g_string_append_printf (out, "<section class=\"contact\"><h2>%s</h2>\n", _("Find us"));
  if (*street || *postcode || *city)
    {
      g_autofree char *query = g_strdup_printf ("%s, %s %s, France", street, postcode, city);
      g_autofree char *escaped_query = g_uri_escape_string (query, NULL, FALSE);
      g_autofree char *map = g_strconcat ("https://www.openstreetmap.org/search?query=", escaped_query, NULL);

      g_string_append (out, "<p class=\"address\">");
      append_text (out, street);
      g_string_append (out, "<br>");
      append_text (out, postcode);
      g_string_append (out, " ");
      append_text (out, city);
      g_string_append (out, "</p>\n<p><a class=\"button\" href=\"");
      append_text (out, map);
      g_string_append_printf (out, "\">%s</a>", _("See on a map"));
      if (*phone)
        {
          g_autofree char *tel = g_strconcat ("tel:", phone, NULL);
          g_autofree char *national = comptoir_phone_format_national (phone);

          g_string_append (out, "<a class=\"button\" href=\"");
          append_text (out, tel);
          g_string_append_printf (out, "\">%s ", _("Call"));
          append_text (out, national);
          g_string_append (out, "</a>");
        }
      g_string_append (out, "</p>\n");
    }
  else if (*phone)
    {
      g_autofree char *tel = g_strconcat ("tel:", phone, NULL);
      g_autofree char *national = comptoir_phone_format_national (phone);

      g_string_append (out, "<p><a class=\"button\" href=\"");
      append_text (out, tel);
      g_string_append_printf (out, "\">%s ", _("Call"));
      append_text (out, national);
      g_string_append (out, "</a></p>\n");
    }
  if (*email)
    {
      g_autofree char *mailto = g_strconcat ("mailto:", email, NULL);

      g_string_append (out, "<p><a href=\"");
      append_text (out, mailto);
      g_string_append (out, "\">");
      append_text (out, email);
      g_string_append (out, "</a></p>\n");
    }
  if (*website)
    {
      g_string_append (out, "<p><a href=\"");
      append_text (out, website);
      g_string_append (out, "\" rel=\"noopener\">");
      append_text (out, website);
      g_string_append (out, "</a></p>\n");
    }
  for (guint i = 0; links && links[i]; i++)
    {
      const char *network = comptoir_social_link_network (links[i]);

      g_string_append (out, "<p><a href=\"");
      append_text (out, links[i]);
      g_string_append (out, "\" rel=\"noopener\">");
      append_text (out, network ? network : links[i]);
      g_string_append (out, "</a></p>\n");
    }
  g_string_append (out, "</section>\n");
}

/**
 * comptoir_shop_export_html_string:
 * @shop: the shop
 * @store: (nullable): where the logo and cover images are found
 * @now: the instant whose day is marked as today
 *
 * Returns: (transfer full): the standalone page
 */
char *
comptoir_shop_export_html_string (ComptoirShop  *shop,
                                  ComptoirStore *store,
                                  GDateTime     *now)
{
  GString *out = g_string_new (NULL);
  g_autofree char *cover = image_data_uri (store, comptoir_shop_get_cover_hash (shop));
  g_autofree char *logo = image_data_uri (store, comptoir_shop_get_logo_hash (shop));
  g_autofree char *description = comptoir_markup_to_html (comptoir_shop_get_description (shop));
  g_autofree char *json_ld = json_ld_for_script (shop);
  const char *name = comptoir_shop_get_name (shop);
  const char *tagline = comptoir_shop_get_tagline (shop);
  const char *siret = comptoir_shop_get_siret (shop);

  g_return_val_if_fail (COMPTOIR_IS_SHOP (shop), NULL);

  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
  append_text (out, *name ? name : _("My shop"));
  g_string_append (out, "</title>\n");
  if (*tagline)
    {
      g_string_append (out, "<meta name=\"description\" content=\"");
      append_text (out, tagline);
      g_string_append (out, "\">\n");
    }
  g_string_append_printf (out, "<style>%s</style>\n", page_css);
  g_string_append_printf (out, "<script type=\"application/ld+json\">\n%s\n</script>\n", json_ld);
  g_string_append (out, "</head>\n<body>\n<header class=\"hero\">");
  if (cover != NULL)
    g_string_append_printf (out, "<img class=\"cover\" alt=\"\" src=\"%s\">", cover);
  g_string_append (out, "<div class=\"shade\"><div class=\"inner\">");
  if (logo != NULL)
    {
      g_string_append_printf (out, "<img class=\"logo\" src=\"%s\" alt=\"", logo);
      append_text (out, name);
      g_string_append (out, "\">");
    }
  g_string_append (out, "<div><h1>");
  append_text (out, name);
  g_string_append (out, "</h1>");
  if (*tagline)
    {
      g_string_append (out, "<p class=\"tagline\">");
      append_text (out, tagline);
      g_string_append (out, "</p>");
    }
  g_string_append (out, "<span class=\"badge\">");
  append_text (out, comptoir_shop_category_label (comptoir_shop_get_category (shop)));
  g_string_append (out, "</span></div></div></div></header>\n<main>\n");

  g_string_append_printf (out, "<section class=\"about\"><h2>%s</h2>\n%s</section>\n",
                          _("About us"), *description ? description : "");
  g_string_append (out, "<div class=\"side\">\n");
  append_contact (out, shop);
  append_hours (out, shop, now);
  append_services (out, shop);
  g_string_append (out, "</div>\n</main>\n<footer>");
  if (*siret)
    {
      g_autofree char *text = g_strdup_printf (_("SIRET %s"), siret);
      append_text (out, text);
    }
  g_string_append_printf (out, "</footer>\n<script>%s</script>\n</body>\n</html>\n", page_script);

  return g_string_free (out, FALSE);
}

static gboolean
export_html (ComptoirShop   *shop,
             ComptoirStore  *store,
             GFile          *destination,
             GCancellable   *cancellable,
             GError        **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *html = NULL;
  g_autoptr(GError) local_error = NULL;

  html = comptoir_shop_export_html_string (shop, store, now);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!g_file_replace_contents (destination, html, strlen (html), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_FAILED,
                     _("Your page could not be saved there: %s. Choose another folder."),
                     local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * comptoir_shop_export_html:
 * @shop: the shop
 * @store: where the logo and cover images are found
 * @destination: the file to write, replaced if it exists
 * @error: a #GError
 *
 * Writes the shop page as one standalone HTML file.
 */
gboolean
comptoir_shop_export_html (ComptoirShop   *shop,
                           ComptoirStore  *store,
                           GFile          *destination,
                           GError        **error)
{
  g_return_val_if_fail (COMPTOIR_IS_SHOP (shop), FALSE);
  g_return_val_if_fail (store == NULL || COMPTOIR_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  return export_html (shop, store, destination, NULL, error);
}

typedef struct
{
  ComptoirShop  *shop;   /* a copy only this task sees */
  ComptoirStore *store;
  GFile         *destination;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *export = data;

  g_clear_object (&export->shop);
  g_clear_object (&export->store);
  g_clear_object (&export->destination);
  g_free (export);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *export = task_data;
  GError *error = NULL;

  if (export_html (export->shop, export->store, export->destination, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * comptoir_shop_export_html_async:
 * @shop: the shop
 * @store: (nullable): where the logo and cover images are found
 * @destination: the file to write, replaced if it exists
 * @cancellable: (nullable): a #GCancellable
 * @callback: called in the thread-default main context when it is done
 * @user_data: data for @callback
 *
 * Like comptoir_shop_export_html(), off the calling thread: reading and
 * encoding the images and writing the file take a while. The page is the
 * shop as it is when this is called; @shop may change meanwhile.
 */
void
comptoir_shop_export_html_async (ComptoirShop        *shop,
                                 ComptoirStore       *store,
                                 GFile               *destination,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportData *export;

  g_return_if_fail (COMPTOIR_IS_SHOP (shop));
  g_return_if_fail (store == NULL || COMPTOIR_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (destination));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = g_new0 (ExportData, 1);
  export->shop = comptoir_shop_copy (shop);
  export->store = store != NULL ? g_object_ref (store) : NULL;
  export->destination = g_object_ref (destination);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, comptoir_shop_export_html_async);
  g_task_set_task_data (task, export, export_data_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * comptoir_shop_export_html_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: a #GError; %G_IO_ERROR_CANCELLED when cancelled
 *
 * Returns: whether the file was written
 */
gboolean
comptoir_shop_export_html_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == comptoir_shop_export_html_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
