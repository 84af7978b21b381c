// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>

#include "comptoir-photo-pipeline.h"
#include "shop-sample.h"

#define HM(h, m) ((h) * 60 + (m))

static void
set_date (GDate *date, int day, int month, int year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

/* A complete shop, used by the store, JSON-LD and export tests. */
ComptoirShop *
comptoir_test_sample_shop (void)
{
  ComptoirShop *shop = comptoir_shop_new ();
  g_autoptr(ComptoirOpeningHours) hours = comptoir_opening_hours_new ();
  static const char *links[] = { "https://www.facebook.com/boulangerie.martin", "https://www.instagram.com/boulangerie.martin", NULL };
  static const char *communes[] = { "Sarlat-la-Canéda", "Vitrac", NULL };
  static const char *payments[] = { "card", "cash", "meal_voucher", NULL };
  ComptoirTimeRange sunday = { HM (8, 0), HM (13, 0) };
  GDate from, to;

  for (GDateWeekday d = G_DATE_TUESDAY; d <= G_DATE_SATURDAY; d++)
    {
      g_assert_true (comptoir_opening_hours_add_range (hours, d, HM (7, 0), HM (13, 0), NULL));
      g_assert_true (comptoir_opening_hours_add_range (hours, d, HM (15, 30), HM (19, 30), NULL));
    }
  g_assert_true (comptoir_opening_hours_add_range (hours, G_DATE_SUNDAY, HM (7, 0), HM (12, 30), NULL));
  set_date (&from, 24, 8, 2026);
  set_date (&to, 6, 9, 2026);
  g_assert_true (comptoir_opening_hours_add_exception (hours, &from, &to, TRUE, NULL, 0, "Congés", NULL));
  set_date (&from, 21, 12, 2026);
  g_assert_true (comptoir_opening_hours_add_exception (hours, &from, &from, FALSE, &sunday, 1, "Lundi de Noël", NULL));

  g_object_set (shop,
                "name", "Boulangerie Martin",
                "tagline", "Pain au levain, cuit au feu de bois",
                "description", "Depuis 1987, **au cœur du village**.\n\nNos spécialités :\n- la tourte de seigle\n- le pain aux noix",
                "category", "bakery",
                "street", "12 rue de la République",
                "postcode", "24200",
                "city", "Sarlat-la-Canéda",
                "phone", "+33553123456",
                "email", "contact@boulangerie-martin.fr",
                "website", "https://www.boulangerie-martin.fr",
                "siret", "73282932000074",
                "social-links", links,
                "opening-hours", hours,
                "click-and-collect", TRUE,
                "delivery", TRUE,
                "delivery-communes", communes,
                "delivery-fee-cents", (gint64) 350,
                "delivery-free-above-cents", (gint64) 3000,
                "payment-methods", payments,
                NULL);
  return shop;
}


/* Draws a picture and imports it through the photo pipeline, as a
 * merchant's photo would be. */
static char *
add_image (ComptoirStore  *store,
           int             width,
           int             height,
           guint32         from,
           guint32         to,
           GError        **error)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *pixels = gdk_pixbuf_get_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  g_autofree char *buffer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double t = (double) (x + y) / (width + height);
        guchar *p = pixels + y * stride + x * 3;

        for (int c = 0; c < 3; c++)
          {
            int a = (from >> (16 - 8 * c)) & 0xff, b = (to >> (16 - 8 * c)) & 0xff;
            p[c] = (guchar) (a + (b - a) * t);
          }
        /* a light disc in the middle, so the picture is recognisable */
        if ((x - width / 2) * (x - width / 2) + (y - height / 2) * (y - height / 2) < (height / 4) * (height / 4))
          p[0] = p[1] = p[2] = 245;
      }

  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &size, "jpeg", error, "quality", "85", NULL))
    return NULL;
  bytes = g_bytes_new_take (g_steal_pointer (&buffer), size);
  return comptoir_photo_import_bytes_sync (store, bytes, NULL, NULL, error);
}

gboolean
comptoir_test_add_sample_images (ComptoirStore  *store,
                                 ComptoirShop   *shop,
                                 GError        **error)
{
  g_autofree char *logo = add_image (store, 256, 256, 0xc64600, 0xf5c211, error);
  g_autofree char *cover = NULL;

  if (logo == NULL)
    return FALSE;
  cover = add_image (store, 1200, 500, 0x986a44, 0x63452c, error);
  if (cover == NULL)
    return FALSE;
  comptoir_shop_set_logo_hash (shop, logo);
  comptoir_shop_set_cover_hash (shop, cover);
  return TRUE;
}
