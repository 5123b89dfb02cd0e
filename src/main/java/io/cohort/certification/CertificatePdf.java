package io.cohort.certification;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.LayoutProcessor;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.cohort.system.QrCodes;

/**
 * Renders a certificate as a one-page A4 landscape PDF with the template it was issued
 * with: the logo, the provider, the title line, learner, the statement line, course, run
 * dates, number, the signatory's signature, name and title, and a QR code linking to its
 * public verification page. Every line is set in embedded Noto fonts, so a learner's name
 * prints in Latin (extended), Chinese or Tamil alike (ADR 0037).
 */
final class CertificatePdf {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private static final Color INK = new Color(0x1f, 0x2a, 0x44);

	/**
	 * The fonts, tried in this order for each character: Noto Sans (Latin with its
	 * extensions, Greek, Cyrillic), Noto Sans Tamil, Noto Sans SC (Simplified and
	 * Traditional Chinese). Embedded as subsets with Identity-H, so a PDF carries only
	 * the glyphs it uses. Loaded once: the Chinese font is 10 MB.
	 */
	private static final List<BaseFont> FONTS;

	private static final String FONT_PATH = "fonts/";

	private static final BaseFont TAMIL;

	static {
		BaseFont latin = font("NotoSans-Regular.ttf");
		TAMIL = font("NotoSansTamil-Regular.ttf");
		FONTS = List.of(latin, TAMIL, font("NotoSansSC-Regular.ttf"));
	}

	private CertificatePdf() {
	}

	/**
	 * Tamil, whose letters change shape and order around each other, is laid out by
	 * Java's text layout through OpenPDF's layout processor, which also writes the text
	 * the glyphs stand for ({@code /ActualText}) so that a reader copies and searches a
	 * name as typed. The processor is JVM-wide and, once on, takes on every font created
	 * (even Helvetica, which it cannot load), so it is on only while a certificate
	 * renders. Hence synchronized; it also keeps the shared fonts safe, as OpenPDF reads
	 * a font's file through one cursor when it writes a subset. Each render takes well
	 * under a second.
	 */
	static synchronized byte[] render(CertificateView certificate, TemplateContent template, String verificationUrl) {
		LayoutProcessor.enable();
		try {
			LayoutProcessor.setWriteActualText();
			LayoutProcessor.loadFont(TAMIL, FONT_PATH + "NotoSansTamil-Regular.ttf");
			return layOut(certificate, template, verificationUrl);
		}
		finally {
			LayoutProcessor.disable();
		}
	}

	private static byte[] layOut(CertificateView certificate, TemplateContent template, String verificationUrl) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4.rotate(), 60, 60, 36, 30);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle("Certificate " + certificate.number());
			document.addAuthor(certificate.providerName());
			document.addSubject(certificate.courseTitle());
			document.open();
			if (template.logo() != null) {
				Image logo = Image.getInstance(template.logo());
				logo.scaleToFit(180, 60);
				logo.setAlignment(Element.ALIGN_CENTER);
				document.add(logo);
			}
			document.add(centred(certificate.providerName(), 14, Font.NORMAL, 4));
			document.add(centred(template.title(), 30, Font.BOLD, 14));
			document.add(centred("This certifies that", 13, Font.ITALIC, 18));
			document.add(centred(certificate.learnerName(), 24, Font.BOLD, 8));
			document.add(centred(template.statement(), 13, Font.ITALIC, 12));
			document.add(centred(certificate.courseTitle() + " (" + certificate.courseCode() + ")", 18, Font.BOLD, 6));
			document.add(centred("Class run " + certificate.runReference() + ", " + DATE.format(certificate.runStart())
					+ " to " + DATE.format(certificate.runEnd()), 11, Font.NORMAL, 8));
			document.add(centred(
					"Certificate number " + certificate.number() + ", issued on " + DATE.format(certificate.issuedOn()),
					11, Font.NORMAL, 4));
			document.add(footer(template, verificationUrl));
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("Cannot render certificate " + certificate.number(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			document.close();
		}
		return out.toByteArray();
	}

	/**
	 * The signatory (if the template names one) on the left, the QR code on the right.
	 */
	private static PdfPTable footer(TemplateContent template, String verificationUrl) throws IOException {
		PdfPTable footer = new PdfPTable(new float[] { 1, 1 });
		footer.setWidthPercentage(100);
		footer.setSpacingBefore(12);
		PdfPCell signatory = cell();
		if (template.signature() != null) {
			Image signature = Image.getInstance(template.signature());
			signature.scaleToFit(160, 50);
			signature.setAlignment(Element.ALIGN_CENTER);
			signatory.addElement(signature);
		}
		if (template.signatoryName() != null || template.signature() != null) {
			signatory.addElement(centred("______________________________", 11, Font.NORMAL, 2));
		}
		if (template.signatoryName() != null) {
			signatory.addElement(centred(template.signatoryName(), 12, Font.BOLD, 2));
		}
		if (template.signatoryTitle() != null) {
			signatory.addElement(centred(template.signatoryTitle(), 11, Font.NORMAL, 0));
		}
		footer.addCell(signatory);
		PdfPCell verification = cell();
		Image qr = Image.getInstance(QrCodes.png(verificationUrl, 300));
		qr.scaleAbsolute(96, 96);
		qr.setAlignment(Element.ALIGN_CENTER);
		verification.addElement(qr);
		verification.addElement(centred("Verify at " + verificationUrl, 8, Font.NORMAL, 0));
		footer.addCell(verification);
		return footer;
	}

	private static PdfPCell cell() {
		PdfPCell cell = new PdfPCell();
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setVerticalAlignment(Element.ALIGN_BOTTOM);
		return cell;
	}

	/**
	 * A centred line in runs of one font each: a letter or digit in the first of the
	 * fonts that has it, a space, mark or punctuation in the font of the run it stands in
	 * when that font has it, so that a name in one script stays one run and is laid out
	 * (and copied) whole. Bold and italic are drawn from the regular faces (stroked and
	 * slanted), the same for every script.
	 */
	private static Paragraph centred(String text, float size, int style, float spacingBefore) {
		Paragraph paragraph = new Paragraph(size * 1.5f);
		List<Font> fonts = FONTS.stream().map(font -> new Font(font, size, style, INK)).toList();
		Font current = null;
		StringBuilder run = new StringBuilder();
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			int c = text.codePointAt(i);
			Font font = (current != null && !Character.isLetterOrDigit(c) && current.getBaseFont().charExists(c))
					? current
					: fonts.stream().filter(f -> f.getBaseFont().charExists(c)).findFirst().orElse(fonts.get(0));
			if (font != current && !run.isEmpty()) {
				paragraph.add(new Chunk(run.toString(), current));
				run.setLength(0);
			}
			current = font;
			run.appendCodePoint(c);
		}
		if (current != null) {
			paragraph.add(new Chunk(run.toString(), current));
		}
		paragraph.setAlignment(Element.ALIGN_CENTER);
		paragraph.setSpacingBefore(spacingBefore);
		return paragraph;
	}

	/** A font from {@code fonts/} on the class path, embedded as a subset. */
	private static BaseFont font(String file) {
		String path = FONT_PATH + file;
		try (InputStream in = CertificatePdf.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Font " + path + " is missing from the class path");
			}
			return BaseFont.createFont(path, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, false, in.readAllBytes(), null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("Cannot load font " + path, ex);
		}
	}

}
