package io.cohort.certification;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.cohort.system.CohortException;
import io.cohort.system.ProblemCode;

/**
 * Verifies an uploaded template image by its content, never by its name or declared type:
 * at most {@value #MAX_BYTES} bytes (else 413), a PNG or JPEG signature, at most
 * {@value #MAX_PIXELS} pixels a side (read from the header before decoding), decoded in
 * full, and accepted by the PDF library that will embed it.
 */
final class ImageCheck {

	static final int MAX_BYTES = 512 * 1024;

	static final int MAX_PIXELS = 4096;

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private ImageCheck() {
	}

	/** An image that passed: its media type (from its content), size and digest. */
	record Checked(String mediaType, int width, int height, byte[] content, String sha256) {
	}

	/**
	 * @param field the field the image came in, named by the error when it is refused
	 */
	static Checked verify(String field, byte[] content) {
		if (content.length == 0) {
			throw CohortException.invalidField(field, "is empty; choose a PNG or JPEG image");
		}
		if (content.length > MAX_BYTES) {
			throw new CohortException(ProblemCode.PAYLOAD_TOO_LARGE, "The " + field + " image is larger than 512 KiB",
					Map.of("errors", List.of(Map.of("field", field, "message", "must be at most 512 KiB"))));
		}
		String format = startsWith(content, PNG) ? "png" : jpeg(content) ? "jpeg" : null;
		if (format == null) {
			throw CohortException.invalidField(field, "is not a PNG or JPEG image");
		}
		int width;
		int height;
		try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
			if (!readers.hasNext()) {
				throw new IllegalStateException("No " + format + " reader");
			}
			ImageReader reader = readers.next();
			try {
				reader.setInput(in, true, true);
				width = reader.getWidth(0);
				height = reader.getHeight(0);
				if (width > MAX_PIXELS || height > MAX_PIXELS) {
					throw CohortException.invalidField(field,
							"is " + width + " × " + height + " pixels; at most " + MAX_PIXELS + " a side");
				}
				BufferedImage image = reader.read(0);
				if (image == null) {
					throw new IOException("nothing decoded");
				}
			}
			finally {
				reader.dispose();
			}
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof CohortException refused) {
				throw refused;
			}
			throw CohortException.invalidField(field,
					"is not a readable " + format.toUpperCase(Locale.ROOT) + " image");
		}
		try {
			com.lowagie.text.Image.getInstance(content);
		}
		catch (IOException | RuntimeException ex) {
			throw CohortException.invalidField(field,
					"is a " + format.toUpperCase(Locale.ROOT) + " image the PDF cannot embed");
		}
		return new Checked("image/" + format, width, height, content.clone(), sha256(content));
	}

	private static boolean jpeg(byte[] content) {
		return content.length > 3 && (content[0] & 0xff) == 0xff && (content[1] & 0xff) == 0xd8
				&& (content[2] & 0xff) == 0xff;
	}

	private static boolean startsWith(byte[] content, byte[] prefix) {
		if (content.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (content[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
