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
import com.lowagie.text.pdf.PdfWriter;
import io.cohort.system.QrCodes;

/**
 * Renders a certificate as a one-page A4 landscape PDF: learner, course, run dates,
 * number, and a QR code linking to its public verification page.
 */
final class CertificatePdf {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);

	private CertificatePdf() {
	}

	static byte[] render(CertificateView certificate, String verificationUrl) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4.rotate(), 60, 60, 50, 40);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle("Certificate " + certificate.number());
			document.addAuthor(certificate.providerName());
			document.addSubject(certificate.courseTitle());
			document.open();
			Color ink = new Color(0x1f, 0x2a, 0x44);
			document.add(centred(certificate.providerName(), new Font(Font.HELVETICA, 14, Font.NORMAL, ink), 0));
			document.add(centred("Certificate of Completion", new Font(Font.HELVETICA, 30, Font.BOLD, ink), 18));
			document.add(centred("This certifies that", new Font(Font.HELVETICA, 13, Font.ITALIC, ink), 24));
			document.add(centred(certificate.learnerName(), new Font(Font.HELVETICA, 24, Font.BOLD, ink), 10));
			document.add(centred("has completed the course", new Font(Font.HELVETICA, 13, Font.ITALIC, ink), 14));
			document.add(centred(certificate.courseTitle() + " (" + certificate.courseCode() + ")",
					new Font(Font.HELVETICA, 18, Font.BOLD, ink), 8));
			Font body = new Font(Font.HELVETICA, 11, Font.NORMAL, ink);
			document.add(centred("Class run " + certificate.runReference() + ", " + DATE.format(certificate.runStart())
					+ " to " + DATE.format(certificate.runEnd()), body, 10));
			document.add(centred(
					"Certificate number " + certificate.number() + ", issued on " + DATE.format(certificate.issuedOn()),
					body, 4));
			Image qr = Image.getInstance(QrCodes.png(verificationUrl, 300));
			qr.scaleAbsolute(110, 110);
			qr.setAlignment(Element.ALIGN_CENTER);
			qr.setSpacingBefore(14);
			document.add(qr);
			document.add(centred("Verify at " + verificationUrl, new Font(Font.HELVETICA, 9, Font.NORMAL, ink), 2));
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

	private static Paragraph centred(String text, Font font, float spacingBefore) {
		Paragraph paragraph = new Paragraph(text, font);
		paragraph.setAlignment(Element.ALIGN_CENTER);
		paragraph.setSpacingBefore(spacingBefore);
		return paragraph;
	}

}
