// SPDX-License-Identifier: GPL-3.0-or-later
#define G_LOG_DOMAIN "comptoir-photo-codec"

#include "comptoir-i18n.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jpeglib.h>
#include <jerror.h>

#include "comptoir-error.h"
#include "comptoir-photo-codec-private.h"

/* Decoding and encoding for the photo pipeline: JPEG through libjpeg at the
 * smallest DCT scale that still gives the web size, a few other formats
 * through GdkPixbuf, all with their size checked from the header first. */

/* Errors */

static void
set_not_a_photo (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("This file is not a photo Comptoir can read. Choose a JPEG or PNG photo."));
}

static void
set_damaged (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("This photo is damaged or incomplete and cannot be read. "
                         "Copy it again from the camera or the phone, then try again."));
}

static gboolean
check_dimensions (guint64   width,
                  guint64   height,
                  GError  **error)
{
  if (width == 0 || height == 0)
    {
      set_damaged (error);
      return FALSE;
    }
  if (width * height > COMPTOIR_PHOTO_MAX_PIXELS)
    {
      g_set_error (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                   _("This picture is far too large (%u × %u pixels). "
                     "Use a photo of at most 50 megapixels."),
                   (guint) MIN (width, G_MAXUINT), (guint) MIN (height, G_MAXUINT));
      return FALSE;
    }
  return TRUE;
}

static void
set_no_memory (GError **error)
{
  g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                       _("There is not enough memory to open this photo. Close other applications, then try again."));
}

/* EXIF orientation, read from the APP1 segment by hand: only one tag of
 * IFD0 is needed, and every offset is checked against the segment. */

static guint
read_u16 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian ? (guint) (p[0] << 8 | p[1]) : (guint) (p[1] << 8 | p[0]);
}

static guint32
read_u32 (const guint8 *p,
          gboolean      big_endian)
{
  return big_endian
    ? ((guint32) p[0] << 24 | (guint32) p[1] << 16 | (guint32) p[2] << 8 | p[3])
    : ((guint32) p[3] << 24 | (guint32) p[2] << 16 | (guint32) p[1] << 8 | p[0]);
}

/* Not inlined into decode_jpeg(), whose locals must survive longjmp. */
G_GNUC_NO_INLINE static int
exif_orientation (const guint8 *data,
                  gsize         len)
{
  const guint8 *tiff;
  gsize tiff_len;
  gboolean big_endian;
  guint64 ifd;
  guint n_entries;

  if (len < 6 + 8 || memcmp (data, "Exif\0\0", 6) != 0)
    return 1;
  tiff = data + 6;
  tiff_len = len - 6;

  if (tiff[0] == 'M' && tiff[1] == 'M')
    big_endian = TRUE;
  else if (tiff[0] == 'I' && tiff[1] == 'I')
    big_endian = FALSE;
  else
    return 1;
  if (read_u16 (tiff + 2, big_endian) != 42)
    return 1;

  ifd = read_u32 (tiff + 4, big_endian);
  if (ifd + 2 > tiff_len)
    return 1;
  n_entries = read_u16 (tiff + ifd, big_endian);

  for (guint i = 0; i < n_entries; i++)
    {
      guint64 entry = ifd + 2 + 12 * (guint64) i;

      if (entry + 12 > tiff_len)
        break;
      if (read_u16 (tiff + entry, big_endian) == 0x0112)
        {
          guint type = read_u16 (tiff + entry + 2, big_endian);
          guint value;

          if (type == 3) /* SHORT */
            value = read_u16 (tiff + entry + 8, big_endian);
          else if (type == 4) /* LONG, seen in the wild */
            value = read_u32 (tiff + entry + 8, big_endian);
          else
            return 1;
          return value >= 1 && value <= 8 ? (int) value : 1;
        }
    }
  return 1;
}


gboolean
comptoir_photo_orientation_swaps_axes (int orientation)
{
  return orientation >= 5;
}

/* Size of the part of the picture that is kept, once upright and edited,
 * for a decoded picture of @width × @height. */
static void
kept_size (int                      width,
           int                      height,
           int                      orientation,
           const ComptoirPhotoEdit *edit,
           double                  *kept_width,
           double                  *kept_height)
{
  gboolean swap = comptoir_photo_orientation_swaps_axes (orientation);

  if (edit != NULL && (edit->rotate_quarter_turns & 1))
    swap = !swap;
  *kept_width = swap ? height : width;
  *kept_height = swap ? width : height;
  if (edit != NULL && edit->crop)
    {
      *kept_width *= edit->crop_w;
      *kept_height *= edit->crop_h;
    }
}


/* JPEG decoding with libjpeg: errors leave through longjmp. */

typedef struct
{
  struct jpeg_error_mgr pub;
  jmp_buf               jump;
} JpegError;

static void
jpeg_error_exit_cb (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  longjmp (err->jump, 1);
}

static void
jpeg_emit_message_cb (j_common_ptr cinfo,
                      int          msg_level)
{
  /* A truncated file is padded with grey by libjpeg and only warned
   * about: refuse it rather than publish half a photo. Other warnings
   * (stray bytes between segments) are common with cameras and harmless. */
  if (msg_level < 0 && cinfo->err->msg_code == JWRN_JPEG_EOF)
    jpeg_error_exit_cb (cinfo);
}

static void
jpeg_output_message_cb (j_common_ptr cinfo)
{
  /* The core never prints. */
}

static void
cmyk_to_rgb (const guint8 *cmyk,
             guint8       *rgb,
             int           width,
             gboolean      inverted)
{
  for (int i = 0; i < width; i++)
    {
      int c = cmyk[4 * i], m = cmyk[4 * i + 1], y = cmyk[4 * i + 2], k = cmyk[4 * i + 3];

      if (!inverted)
        {
          c = 255 - c;
          m = 255 - m;
          y = 255 - y;
          k = 255 - k;
        }
      rgb[3 * i] = c * k / 255;
      rgb[3 * i + 1] = m * k / 255;
      rgb[3 * i + 2] = y * k / 255;
    }
}

static GdkPixbuf *
decode_jpeg (const guint8             *data,
             gsize                     len,
             const ComptoirPhotoEdit  *edit,
             int                      *orientation_out,
             GError                  **error)
{
  struct jpeg_decompress_struct cinfo;
  JpegError jerr;
  GdkPixbuf *volatile pixbuf = NULL;
  guint8 *volatile cmyk_row = NULL;
  volatile int orientation = 1;
  guint8 *pixels;
  int rowstride;

  memset (&cinfo, 0, sizeof cinfo);
  cinfo.err = jpeg_std_error (&jerr.pub);
  jerr.pub.error_exit = jpeg_error_exit_cb;
  jerr.pub.emit_message = jpeg_emit_message_cb;
  jerr.pub.output_message = jpeg_output_message_cb;

  if (setjmp (jerr.jump))
    {
      g_debug ("JPEG decoding failed: message %d", jerr.pub.msg_code);
      jpeg_destroy_decompress (&cinfo);
      g_clear_object ((GdkPixbuf **) &pixbuf);
      g_free (cmyk_row);
      set_damaged (error);
      return NULL;
    }

  jpeg_create_decompress (&cinfo);
  jpeg_mem_src (&cinfo, data, len);
  jpeg_save_markers (&cinfo, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header (&cinfo, TRUE);

  if (!check_dimensions (cinfo.image_width, cinfo.image_height, error))
    {
      jpeg_destroy_decompress (&cinfo);
      return NULL;
    }

  for (jpeg_saved_marker_ptr m = cinfo.marker_list; m != NULL; m = m->next)
    if (m->marker == JPEG_APP0 + 1 && (orientation = exif_orientation (m->data, m->data_length)) != 1)
      break;

  if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK)
    cinfo.out_color_space = JCS_CMYK;
  else
    cinfo.out_color_space = JCS_RGB;

  /* The smallest DCT scale whose kept part still has the web size: the
   * IDCT does most of the downscaling for free. */
  for (guint num = 1; num <= 8; num++)
    {
      double kept_width, kept_height;

      cinfo.scale_num = num;
      cinfo.scale_denom = 8;
      jpeg_calc_output_dimensions (&cinfo);
      kept_size (cinfo.output_width, cinfo.output_height, orientation, edit, &kept_width, &kept_height);
      if (MAX (kept_width, kept_height) >= COMPTOIR_PHOTO_WEB_SIZE)
        break;
    }

  jpeg_start_decompress (&cinfo);

  pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, cinfo.output_width, cinfo.output_height);
  if (pixbuf == NULL)
    {
      jpeg_destroy_decompress (&cinfo);
      set_no_memory (error);
      return NULL;
    }
  pixels = gdk_pixbuf_get_pixels (pixbuf);
  rowstride = gdk_pixbuf_get_rowstride (pixbuf);

  if (cinfo.out_color_space == JCS_CMYK)
    {
      cmyk_row = g_malloc ((gsize) cinfo.output_width * 4);
      while (cinfo.output_scanline < cinfo.output_height)
        {
          JSAMPROW row = cmyk_row;
          guint8 *dest = pixels + (gsize) cinfo.output_scanline * rowstride;

          jpeg_read_scanlines (&cinfo, &row, 1);
          cmyk_to_rgb (cmyk_row, dest, cinfo.output_width, cinfo.saw_Adobe_marker);
        }
      g_clear_pointer ((guint8 **) &cmyk_row, g_free);
    }
  else
    {
      while (cinfo.output_scanline < cinfo.output_height)
        {
          JSAMPROW rows[8];
          int n = MIN (8, (int) (cinfo.output_height - cinfo.output_scanline));

          for (int i = 0; i < n; i++)
            rows[i] = pixels + (gsize) (cinfo.output_scanline + i) * rowstride;
          jpeg_read_scanlines (&cinfo, rows, n);
        }
    }

  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);

  *orientation_out = orientation;
  return pixbuf;
}

/* Other formats, through GdkPixbuf, restricted to a few well-known ones:
 * text-based and vector formats are not photos. */

static const char *
sniff_format (const guint8 *d,
              gsize         n)
{
  if (n >= 3 && d[0] == 0xff && d[1] == 0xd8 && d[2] == 0xff)
    return "jpeg";
  if (n >= 8 && memcmp (d, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (n >= 6 && (memcmp (d, "GIF87a", 6) == 0 || memcmp (d, "GIF89a", 6) == 0))
    return "gif";
  if (n >= 12 && memcmp (d, "RIFF", 4) == 0 && memcmp (d + 8, "WEBP", 4) == 0)
    return "webp";
  if (n >= 2 && memcmp (d, "BM", 2) == 0)
    return "bmp";
  if (n >= 4 && (memcmp (d, "II*\0", 4) == 0 || memcmp (d, "MM\0*", 4) == 0))
    return "tiff";
  if (n >= 12 && memcmp (d + 4, "ftyp", 4) == 0)
    {
      if (memcmp (d + 8, "avif", 4) == 0)
        return "avif";
      if (memcmp (d + 8, "heic", 4) == 0 || memcmp (d + 8, "heix", 4) == 0 || memcmp (d + 8, "mif1", 4) == 0)
        return "heif";
    }
  return NULL;
}

typedef struct
{
  gboolean too_large;
  int      width;
  int      height;
} LoaderState;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  LoaderState     *state)
{
  state->width = width;
  state->height = height;
  if (width <= 0 || height <= 0 || (guint64) width * height > COMPTOIR_PHOTO_MAX_PIXELS)
    {
      /* A zero size makes the loader stop before it allocates anything. */
      state->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
}

static GdkPixbuf *
decode_with_pixbuf (const char    *format,
                    const guint8  *data,
                    gsize          len,
                    GError       **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  LoaderState state = { 0, };
  GdkPixbuf *pixbuf;
  const gsize chunk = 64 * 1024;
  gboolean ok = TRUE;

  loader = gdk_pixbuf_loader_new_with_type (format, &local_error);
  if (loader == NULL)
    {
      g_debug ("No loader for %s: %s", format, local_error->message);
      g_set_error_literal (error, COMPTOIR_ERROR, COMPTOIR_ERROR_IMAGE,
                           _("This kind of photo cannot be read on this computer. "
                             "Save it as JPEG or PNG, then try again."));
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &state);

  /* In chunks, so that an absurd size is seen from the header before
   * the rest is decoded. */
  for (gsize offset = 0; ok && offset < len && !state.too_large; offset += chunk)
    ok = gdk_pixbuf_loader_write (loader, data + offset, MIN (chunk, len - offset), &local_error);
  if (!gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL))
    ok = FALSE;

  if (state.too_large)
    {
      check_dimensions (state.width, state.height, error);
      if (error != NULL && *error == NULL)
        set_damaged (error);
      return NULL;
    }
  if (!ok || gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
    {
      g_debug ("Decoding %s failed: %s", format, local_error ? local_error->message : "no image");
      set_damaged (error);
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!check_dimensions (gdk_pixbuf_get_width (pixbuf), gdk_pixbuf_get_height (pixbuf), error))
    return NULL;
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

/* Encoding */

GBytes *
comptoir_photo_encode_jpeg (GdkPixbuf *pixbuf)
{
  struct jpeg_compress_struct cinfo;
  struct jpeg_error_mgr jerr;
  unsigned char *buffer = NULL;
  unsigned long size = 0;
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int rowstride = gdk_pixbuf_get_rowstride (pixbuf);
  GBytes *bytes;

  g_assert (gdk_pixbuf_get_n_channels (pixbuf) == 3);

  /* Encoding a valid in-memory picture cannot fail but for lack of
   * memory, where libjpeg exits like g_malloc() does. */
  cinfo.err = jpeg_std_error (&jerr);
  jerr.output_message = jpeg_output_message_cb;
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, &buffer, &size);

  cinfo.image_width = gdk_pixbuf_get_width (pixbuf);
  cinfo.image_height = gdk_pixbuf_get_height (pixbuf);
  cinfo.input_components = 3;
  cinfo.in_color_space = JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, COMPTOIR_PHOTO_JPEG_QUALITY, TRUE);

  /* Only the JFIF header is written: no EXIF, no GPS, no comment. */
  jpeg_start_compress (&cinfo, TRUE);
  while (cinfo.next_scanline < cinfo.image_height)
    {
      JSAMPROW row = (JSAMPROW) (pixels + (gsize) cinfo.next_scanline * rowstride);
      jpeg_write_scanlines (&cinfo, &row, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);

  bytes = g_bytes_new (buffer, size);
  free (buffer);
  return bytes;
}

/**
 * comptoir_photo_decode:
 * @data: an encoded picture
 * @len: its length
 * @edit: (nullable): the edit to come, for the decoding scale
 * @orientation: (out): the EXIF orientation still to apply (1 to 8)
 * @error: a #GError, %COMPTOIR_ERROR_IMAGE
 *
 * Returns: (transfer full): the picture, at least the web size where the
 *   source has it, or %NULL
 */
GdkPixbuf *
comptoir_photo_decode (const guint8             *data,
                       gsize                     len,
                       const ComptoirPhotoEdit  *edit,
                       int                      *orientation,
                       GError                  **error)
{
  const char *format = sniff_format (data, len);

  *orientation = 1;
  if (format == NULL)
    {
      set_not_a_photo (error);
      return NULL;
    }
  if (g_str_equal (format, "jpeg"))
    return decode_jpeg (data, len, edit, orientation, error);
  return decode_with_pixbuf (format, data, len, error);
}

void
comptoir_photo_set_no_memory_error (GError **error)
{
  set_no_memory (error);
}
