package io.cohort.certification;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.cohort.system.QrCodes;

/**
 * Renders a certificate as a one-page A4 landscape PDF with the template it was issued
 * with: the logo, the provider, the title line, learner, the statement line, course, run
 * dates, number, the signatory's signature, name and title, and a QR code linking to its
 * public verification page.
 */
final class CertificatePdf {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private static final Color INK = new Color(0x1f, 0x2a, 0x44);

	private CertificatePdf() {
	}

	static byte[] render(CertificateView certificate, TemplateContent template, String verificationUrl) {
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
			document.add(centred(certificate.providerName(), font(14, Font.NORMAL), 4));
			document.add(centred(template.title(), font(30, Font.BOLD), 14));
			document.add(centred("This certifies that", font(13, Font.ITALIC), 18));
			document.add(centred(certificate.learnerName(), font(24, Font.BOLD), 8));
			document.add(centred(template.statement(), font(13, Font.ITALIC), 12));
			document.add(
					centred(certificate.courseTitle() + " (" + certificate.courseCode() + ")", font(18, Font.BOLD), 6));
			Font body = font(11, Font.NORMAL);
			document.add(centred("Class run " + certificate.runReference() + ", " + DATE.format(certificate.runStart())
					+ " to " + DATE.format(certificate.runEnd()), body, 8));
			document.add(centred(
					"Certificate number " + certificate.number() + ", issued on " + DATE.format(certificate.issuedOn()),
					body, 4));
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
			signatory.addElement(centred("______________________________", font(11, Font.NORMAL), 2));
		}
		if (template.signatoryName() != null) {
			signatory.addElement(centred(template.signatoryName(), font(12, Font.BOLD), 2));
		}
		if (template.signatoryTitle() != null) {
			signatory.addElement(centred(template.signatoryTitle(), font(11, Font.NORMAL), 0));
		}
		footer.addCell(signatory);
		PdfPCell verification = cell();
		Image qr = Image.getInstance(QrCodes.png(verificationUrl, 300));
		qr.scaleAbsolute(96, 96);
		qr.setAlignment(Element.ALIGN_CENTER);
		verification.addElement(qr);
		verification.addElement(centred("Verify at " + verificationUrl, font(8, Font.NORMAL), 0));
		footer.addCell(verification);
		return footer;
	}

	private static PdfPCell cell() {
		PdfPCell cell = new PdfPCell();
		cell.setBorder(Rectangle.NO_BORDER);
		cell.setVerticalAlignment(Element.ALIGN_BOTTOM);
		return cell;
	}

	private static Font font(float size, int style) {
		return new Font(Font.HELVETICA, size, style, INK);
	}

	private static Paragraph centred(String text, Font font, float spacingBefore) {
		Paragraph paragraph = new Paragraph(text, font);
		paragraph.setAlignment(Element.ALIGN_CENTER);
		paragraph.setSpacingBefore(spacingBefore);
		return paragraph;
	}

}
