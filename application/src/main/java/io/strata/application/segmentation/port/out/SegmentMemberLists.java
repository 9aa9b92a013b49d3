package io.strata.application.segmentation.port.out;

import io.strata.application.segmentation.MemberListing;
import io.strata.application.segmentation.SegmentMember;

import java.util.List;

/** Out-port: pages of a run's segment members in the listing's order; at most {@code pageSize + 1} rows. */
public interface SegmentMemberLists {

    List<SegmentMember> page(MemberListing listing);
}
